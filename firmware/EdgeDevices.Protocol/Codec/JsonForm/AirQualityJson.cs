using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>
    /// "pm1", "pm25", "pm10" (µg/m³, whole), "temperature" (°C), "humidity" (%), "pressure" (hPa), the last
    /// three with two decimals; each present only when measured; "flags" as a list of names.
    /// </summary>
    internal static class AirQualityJson
    {
        public static void Write(AirQualityReading m, JsonWriter w)
        {
            if ((m.Fields & AirQualityFields.Pm1) != 0)
            {
                w.Name("pm1");
                w.Integer(m.Pm1);
            }

            if ((m.Fields & AirQualityFields.Pm25) != 0)
            {
                w.Name("pm25");
                w.Integer(m.Pm25);
            }

            if ((m.Fields & AirQualityFields.Pm10) != 0)
            {
                w.Name("pm10");
                w.Integer(m.Pm10);
            }

            if ((m.Fields & AirQualityFields.Temperature) != 0)
            {
                w.Name("temperature");
                w.Scaled(m.TemperatureCentiCelsius, 2);
            }

            if ((m.Fields & AirQualityFields.Humidity) != 0)
            {
                w.Name("humidity");
                w.Scaled(m.HumidityCentiPercent, 2);
            }

            if ((m.Fields & AirQualityFields.Pressure) != 0)
            {
                // Pa = hPa × 100, so the value in Pa is the hPa value with two decimals.
                w.Name("pressure");
                w.Scaled(m.PressurePascal, 2);
            }

            w.Name("flags");
            NameList.Write(w, (int)m.Flags, 2, WireNames.AirQualityFlagBitName);
        }

        public static AirQualityReading Read(FieldReader r)
        {
            AirQualityReading m = new AirQualityReading();
            AirQualityFields fields = AirQualityFields.None;
            if (r.Has("pm1"))
            {
                m.Pm1 = (ushort)r.Integer("pm1", true, 0, 0, ushort.MaxValue);
                fields |= AirQualityFields.Pm1;
            }

            if (r.Has("pm25"))
            {
                m.Pm25 = (ushort)r.Integer("pm25", true, 0, 0, ushort.MaxValue);
                fields |= AirQualityFields.Pm25;
            }

            if (r.Has("pm10"))
            {
                m.Pm10 = (ushort)r.Integer("pm10", true, 0, 0, ushort.MaxValue);
                fields |= AirQualityFields.Pm10;
            }

            if (r.Has("temperature"))
            {
                m.TemperatureCentiCelsius = (int)r.Scaled("temperature", 2, true, 0, -100000, 100000);
                fields |= AirQualityFields.Temperature;
            }

            if (r.Has("humidity"))
            {
                m.HumidityCentiPercent = (int)r.Scaled("humidity", 2, true, 0, 0, 10000);
                fields |= AirQualityFields.Humidity;
            }

            if (r.Has("pressure"))
            {
                m.PressurePascal = (int)r.Scaled("pressure", 2, true, 0, 0, 1000000);
                fields |= AirQualityFields.Pressure;
            }

            m.Fields = fields;
            m.Flags = (AirQualityFlags)NameList.Read(r, "flags", 2, WireNames.AirQualityFlagBitName, "air-quality flag");
            return m;
        }
    }
}
