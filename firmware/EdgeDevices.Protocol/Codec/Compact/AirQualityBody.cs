using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// 64 bits: PM1, PM2.5, PM10 (10 bits each, µg/m³, 1023 = not measured, each on its own; clamped at 1022
    /// because the sensors saturate near 1000), temperature (11 bits, 0.1 °C from −50.0), humidity (8 bits, 0.5 %,
    /// 255 = not measured), pressure (13 bits, 0.1 hPa from 300.0, 8191 = not measured), flags (2 bits).
    /// </summary>
    internal static class AirQualityBody
    {
        public const int Size = 8;

        private const uint PmMissing = 1023;
        private const uint PmMax = 1022;
        private const uint TemperatureMissing = 2047;
        private const uint HumidityMissing = 255;
        private const uint PressureMissing = 8191;

        public static void Write(AirQualityReading m, byte[] b, int o)
        {
            if ((int)m.Flags > 3)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "flags", "unknown air-quality flag");
            }

            BitPacker.Write(b, o, 0, 10, (m.Fields & AirQualityFields.Pm1) != 0 ? Pm(m.Pm1) : PmMissing);
            BitPacker.Write(b, o, 10, 10, (m.Fields & AirQualityFields.Pm25) != 0 ? Pm(m.Pm25) : PmMissing);
            BitPacker.Write(b, o, 20, 10, (m.Fields & AirQualityFields.Pm10) != 0 ? Pm(m.Pm10) : PmMissing);

            uint t = TemperatureMissing;
            if ((m.Fields & AirQualityFields.Temperature) != 0)
            {
                // 0.1 °C steps from −50.0 °C, rounded to the nearest step.
                t = Quantize(m.TemperatureCentiCelsius + 5000, 10, 2046, "temperature");
            }

            uint h = HumidityMissing;
            if ((m.Fields & AirQualityFields.Humidity) != 0)
            {
                h = Quantize(m.HumidityCentiPercent, 50, 200, "humidity");
            }

            uint p = PressureMissing;
            if ((m.Fields & AirQualityFields.Pressure) != 0)
            {
                p = Quantize(m.PressurePascal - 30000, 10, 8190, "pressure");
            }

            BitPacker.Write(b, o, 30, 11, t);
            BitPacker.Write(b, o, 41, 8, h);
            BitPacker.Write(b, o, 49, 13, p);
            BitPacker.Write(b, o, 62, 2, (uint)m.Flags);
        }

        public static AirQualityReading Read(byte[] b, int o)
        {
            AirQualityReading m = new AirQualityReading();
            uint pm1 = BitPacker.Read(b, o, 0, 10);
            uint pm25 = BitPacker.Read(b, o, 10, 10);
            uint pm10 = BitPacker.Read(b, o, 20, 10);
            uint t = BitPacker.Read(b, o, 30, 11);
            uint h = BitPacker.Read(b, o, 41, 8);
            uint p = BitPacker.Read(b, o, 49, 13);
            m.Flags = (AirQualityFlags)BitPacker.Read(b, o, 62, 2);

            AirQualityFields fields = AirQualityFields.None;
            // Each size on its own: a sensor gives the sizes it measures.
            if (pm1 != PmMissing)
            {
                fields |= AirQualityFields.Pm1;
                m.Pm1 = (ushort)pm1;
            }

            if (pm25 != PmMissing)
            {
                fields |= AirQualityFields.Pm25;
                m.Pm25 = (ushort)pm25;
            }

            if (pm10 != PmMissing)
            {
                fields |= AirQualityFields.Pm10;
                m.Pm10 = (ushort)pm10;
            }

            if (t != TemperatureMissing)
            {
                fields |= AirQualityFields.Temperature;
                m.TemperatureCentiCelsius = (int)t * 10 - 5000;
            }

            if (h != HumidityMissing)
            {
                if (h > 200)
                {
                    throw new CodecException(CodecError.InvalidField, "humidity", "humidity code above 100 %");
                }

                fields |= AirQualityFields.Humidity;
                m.HumidityCentiPercent = (int)h * 50;
            }

            if (p != PressureMissing)
            {
                fields |= AirQualityFields.Pressure;
                m.PressurePascal = (int)p * 10 + 30000;
            }

            m.Fields = fields;
            return m;
        }

        private static uint Pm(ushort value)
        {
            return value > PmMax ? PmMax : value;
        }

        // Rounds value/step to the nearest integer (halves away from zero) and checks it fits 0..max.
        private static uint Quantize(int value, int step, uint max, string field)
        {
            if (value < -step / 2)
            {
                throw new CodecException(CodecError.ValueOutOfRange, field, field + " below the compact form's range");
            }

            uint code = (uint)((value + step / 2) / step);
            if (code > max)
            {
                throw new CodecException(CodecError.ValueOutOfRange, field, field + " above the compact form's range");
            }

            return code;
        }
    }
}
