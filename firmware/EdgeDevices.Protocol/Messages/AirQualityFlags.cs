namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Data-quality flags of an air-quality reading (two bits in the compact form).</summary>
    [System.Flags]
    public enum AirQualityFlags : byte
    {
        /// <summary>No flag.</summary>
        None = 0,

        /// <summary>Relative humidity above 70 %: optical PM sensors read high (particles take up water).</summary>
        HumidityHigh = 1,

        /// <summary>The particle sensor had not finished warming up, or the sample set was incomplete.</summary>
        Degraded = 2
    }
}
