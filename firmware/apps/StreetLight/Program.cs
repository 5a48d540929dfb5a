using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Device.Update;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>Entry points of the street-light controller firmware.</summary>
    public static class Program
    {
        /// <summary>Boot: the resident loader runs the installed update bundle of this app, or the app as flashed.</summary>
        public static void Main()
        {
            DeviceContext context = DeviceContext.ForDevice();
            ResidentLoader.Run(context, new StreetLightApp(context));
        }

        /// <summary>The entry of an update bundle of this app: the resident loader invokes it by reflection.</summary>
        public static void Run(DeviceContext context)
        {
            new StreetLightApp(context).Run();
        }
    }
}
