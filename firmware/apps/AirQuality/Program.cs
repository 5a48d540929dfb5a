using EdgeDevices.Firmware.Device.Runtime;

namespace EdgeDevices.Apps.AirQuality
{
    /// <summary>Entry point of the air-quality node firmware.</summary>
    public static class Program
    {
        /// <summary>Runs the app on the device's real clock, flash and console.</summary>
        public static void Main()
        {
            new AirQualityApp(DeviceContext.ForDevice()).Run();
        }
    }
}
