namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// Which values of an <see cref="AirQualityReading"/> were measured. Each particle size has its own bit:
    /// an SDS011 measures PM2.5 and PM10 but no PM1, and a PM2.5-only sensor is as valid as one that gives all three.
    /// </summary>
    [System.Flags]
    public enum AirQualityFields : byte
    {
        /// <summary>Nothing measured.</summary>
        None = 0,

        /// <summary>PM2.5.</summary>
        Pm25 = 1,

        /// <summary>Air temperature.</summary>
        Temperature = 2,

        /// <summary>Relative humidity.</summary>
        Humidity = 4,

        /// <summary>Barometric pressure.</summary>
        Pressure = 8,

        /// <summary>PM1.</summary>
        Pm1 = 16,

        /// <summary>PM10.</summary>
        Pm10 = 32,

        /// <summary>All three particle sizes (a PMS5003 gives them).</summary>
        Particulates = Pm1 | Pm25 | Pm10
    }
}
