using EdgeDevices.Firmware.Device.Runtime;

namespace EdgeDevices.Apps.Meter
{
    /// <summary>Entry point of the utility-meter node firmware.</summary>
    public static class Program
    {
        /// <summary>Runs the app on the device's real clock, flash and console.</summary>
        public static void Main()
        {
            new MeterApp(DeviceContext.ForDevice()).Run();
        }
    }
}
