namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// One sampling cycle of an air-quality node. Values are fixed-point integers so that both codecs are
    /// exact and no floating-point formatting runs on the device; <see cref="Fields"/> says which were measured.
    /// </summary>
    public sealed class AirQualityReading : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.AirQuality; }
        }

        /// <summary>Which of the values below were measured.</summary>
        public AirQualityFields Fields { get; set; }

        /// <summary>PM1.0 mass concentration, µg/m³ (atmospheric).</summary>
        public ushort Pm1 { get; set; }

        /// <summary>PM2.5 mass concentration, µg/m³ (atmospheric).</summary>
        public ushort Pm25 { get; set; }

        /// <summary>PM10 mass concentration, µg/m³ (atmospheric).</summary>
        public ushort Pm10 { get; set; }

        /// <summary>Air temperature in hundredths of a degree Celsius.</summary>
        public int TemperatureCentiCelsius { get; set; }

        /// <summary>Relative humidity in hundredths of a percent.</summary>
        public int HumidityCentiPercent { get; set; }

        /// <summary>Barometric pressure in pascals.</summary>
        public int PressurePascal { get; set; }

        /// <summary>Data-quality flags.</summary>
        public AirQualityFlags Flags { get; set; }
    }
}
