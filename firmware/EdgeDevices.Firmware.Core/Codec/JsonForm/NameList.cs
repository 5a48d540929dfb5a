using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>Flag enums in JSON are arrays of names: ["lampFailure","powerTooLow"].</summary>
    internal static class NameList
    {
        /// <summary>Writes the names of the set bits of <paramref name="bits"/> (at most 8 bits).</summary>
        public static void WriteLampFaults(JsonWriter w, int bits)
        {
            w.BeginArray();
            for (int bit = 0; bit < 8; bit++)
            {
                if ((bits & (1 << bit)) != 0)
                {
                    w.String(WireNames.Of((EdgeDevices.Firmware.Messages.LampFaults)(1 << bit)));
                }
            }

            w.EndArray();
        }

        /// <summary>Writes air-quality flag names.</summary>
        public static void WriteAirQualityFlags(JsonWriter w, int bits)
        {
            w.BeginArray();
            for (int bit = 0; bit < 2; bit++)
            {
                if ((bits & (1 << bit)) != 0)
                {
                    w.String(WireNames.Of((EdgeDevices.Firmware.Messages.AirQualityFlags)(1 << bit)));
                }
            }

            w.EndArray();
        }

        /// <summary>Reads lamp fault names into bits; records an error for an unknown name.</summary>
        public static int ReadLampFaults(FieldReader r, string field)
        {
            JsonArray array = r.Array(field, false);
            int bits = 0;
            for (int i = 0; array != null && i < array.Count; i++)
            {
                EdgeDevices.Firmware.Messages.LampFaults fault;
                string name = array[i] as string;
                if (name == null || !WireNames.TryParse(name, out fault))
                {
                    r.AddError(field, FieldErrorKind.InvalidValue, "holds an unknown lamp fault");
                    return 0;
                }

                bits |= (int)fault;
            }

            return bits;
        }

        /// <summary>Reads air-quality flag names into bits; records an error for an unknown name.</summary>
        public static int ReadAirQualityFlags(FieldReader r, string field)
        {
            JsonArray array = r.Array(field, false);
            int bits = 0;
            for (int i = 0; array != null && i < array.Count; i++)
            {
                EdgeDevices.Firmware.Messages.AirQualityFlags flag;
                string name = array[i] as string;
                if (name == null || !WireNames.TryParse(name, out flag))
                {
                    r.AddError(field, FieldErrorKind.InvalidValue, "holds an unknown air-quality flag");
                    return 0;
                }

                bits |= (int)flag;
            }

            return bits;
        }
    }
}
