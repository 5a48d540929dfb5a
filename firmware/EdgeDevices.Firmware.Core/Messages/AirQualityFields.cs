namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Which values of an <see cref="AirQualityReading"/> were measured.</summary>
    [System.Flags]
    public enum AirQualityFields : byte
    {
        /// <summary>Nothing measured.</summary>
        None = 0,

        /// <summary>PM1, PM2.5 and PM10 (one particle sensor gives all three).</summary>
        Particulates = 1,

        /// <summary>Air temperature.</summary>
        Temperature = 2,

        /// <summary>Relative humidity.</summary>
        Humidity = 4,

        /// <summary>Barometric pressure.</summary>
        Pressure = 8
    }
}
