using EdgeDevices.Firmware.Config;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>The app names bundle manifests carry, one per device role.</summary>
    public static class AppNames
    {
        /// <summary>The street-light controller.</summary>
        public const string StreetLight = "streetlight";

        /// <summary>The air-quality node.</summary>
        public const string AirQuality = "airquality";

        /// <summary>The utility meter node.</summary>
        public const string Meter = "meter";

        /// <summary>The app name of <paramref name="role"/>.</summary>
        public static string Of(DeviceRole role)
        {
            switch (role)
            {
                case DeviceRole.StreetLight: return StreetLight;
                case DeviceRole.AirQuality: return AirQuality;
                default: return Meter;
            }
        }
    }
}
