using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"medium", "channel" (0–3), "total" (kWh or m³ with three decimals, full value).</summary>
    internal static class MeterReadingJson
    {
        public static void Write(MeterReading m, JsonWriter w)
        {
            string medium = WireNames.Of(m.Medium);
            if (medium == null || m.Channel > 3 || m.TotalMilli < 0)
            {
                throw new CodecException(CodecError.ValueOutOfRange, medium == null ? "medium" : (m.Channel > 3 ? "channel" : "total"), "meter reading field out of range");
            }

            w.Name("medium");
            w.String(medium);
            w.Name("channel");
            w.Integer(m.Channel);
            w.Name("total");
            w.Scaled(m.TotalMilli, 3);
        }

        public static MeterReading Read(FieldReader r)
        {
            MeterReading m = new MeterReading();
            m.Medium = (MeterMedium)r.Name("medium", true, 3, WireNames.MediumName, "electricity, water, gas or heat");

            m.Channel = (byte)r.Integer("channel", true, 0, 0, 3);
            m.TotalMilli = r.Scaled("total", 3, true, 0, 0, long.MaxValue);
            return m;
        }
    }
}
