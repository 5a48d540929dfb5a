using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>Flag enums in JSON are arrays of names: ["lampFailure","powerTooLow"].</summary>
    internal static class NameList
    {
        /// <summary>Writes the names of the set bits of <paramref name="bits"/>.</summary>
        public static void Write(JsonWriter w, int bits, int bitCount, NameLookup bitName)
        {
            w.BeginArray();
            for (int bit = 0; bit < bitCount; bit++)
            {
                if ((bits & (1 << bit)) != 0)
                {
                    w.String(bitName(bit));
                }
            }

            w.EndArray();
        }

        /// <summary>Reads names into bits; records an error for an unknown name or a non-string item.</summary>
        public static int Read(FieldReader r, string field, int bitCount, NameLookup bitName, string what)
        {
            JsonArray array = r.Array(field, false);
            int bits = 0;
            for (int i = 0; array != null && i < array.Count; i++)
            {
                string name = array[i] as string;
                int bit = name == null ? -1 : FieldReader.FindName(name, bitCount - 1, bitName);
                if (bit < 0)
                {
                    r.AddError(field, FieldErrorKind.InvalidValue, "holds an unknown " + what);
                    return 0;
                }

                bits |= 1 << bit;
            }

            return bits;
        }
    }
}
