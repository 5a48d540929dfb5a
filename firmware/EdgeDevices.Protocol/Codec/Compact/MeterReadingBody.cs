using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>32 bits: medium (2), channel (2), total in thousandths of the unit modulo 2^28 (28).</summary>
    internal static class MeterReadingBody
    {
        public const int Size = 4;

        public static void Write(MeterReading m, byte[] b, int o)
        {
            if ((int)m.Medium > 3)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "medium", "unknown meter medium");
            }

            if (m.Channel > 3)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "channel", "channel above 3");
            }

            if (m.TotalMilli < 0)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "total", "negative total");
            }

            BitPacker.Write(b, o, 0, 2, (uint)m.Medium);
            BitPacker.Write(b, o, 2, 2, m.Channel);
            BitPacker.Write(b, o, 4, 28, (uint)(m.TotalMilli % MeterReading.CompactTotalModulus));
        }

        public static MeterReading Read(byte[] b, int o)
        {
            MeterReading m = new MeterReading();
            m.Medium = (MeterMedium)BitPacker.Read(b, o, 0, 2);
            m.Channel = (byte)BitPacker.Read(b, o, 2, 2);
            m.TotalMilli = BitPacker.Read(b, o, 4, 28);
            return m;
        }
    }
}
