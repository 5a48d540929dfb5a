using EdgeDevices.Firmware.Device.Runtime;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>Entry point of the street-light controller firmware.</summary>
    public static class Program
    {
        /// <summary>Runs the app on the device's real clock, flash and console.</summary>
        public static void Main()
        {
            new StreetLightApp(DeviceContext.ForDevice()).Run();
        }
    }
}
