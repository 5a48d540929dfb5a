namespace EdgeDevices.Firmware.Config
{
    /// <summary>What a device is.</summary>
    public enum DeviceRole : byte
    {
        /// <summary>Street-light controller.</summary>
        StreetLight = 1,

        /// <summary>Air-quality node.</summary>
        AirQuality = 2,

        /// <summary>Utility meter node.</summary>
        Meter = 3
    }
}
