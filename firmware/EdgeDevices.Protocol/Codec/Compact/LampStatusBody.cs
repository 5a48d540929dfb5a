using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// 32 bits: level (7 bits, %), relay (1), power (12 bits, 0.5 W, 4095 = not measured), faults (8),
    /// source (2), reserved (2, zero).
    /// </summary>
    internal static class LampStatusBody
    {
        public const int Size = 4;

        private const uint PowerMissing = 4095;
        private const int MaxPowerDeciWatt = 4094 * 5;

        public static void Write(LampStatus m, byte[] b, int o)
        {
            if (m.Level > 100)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "level", "level above 100 %");
            }

            if ((int)m.Source > 3)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "source", "unknown control source");
            }

            uint power = PowerMissing;
            if (m.HasPower)
            {
                if (m.PowerDeciWatt < 0 || m.PowerDeciWatt > MaxPowerDeciWatt)
                {
                    throw new CodecException(CodecError.ValueOutOfRange, "power", "power outside 0..2047 W");
                }

                power = (uint)((m.PowerDeciWatt + 2) / 5);
            }

            BitPacker.Write(b, o, 0, 7, m.Level);
            BitPacker.Write(b, o, 7, 1, m.RelayOn ? 1u : 0u);
            BitPacker.Write(b, o, 8, 12, power);
            BitPacker.Write(b, o, 20, 8, (uint)m.Faults);
            BitPacker.Write(b, o, 28, 2, (uint)m.Source);
            BitPacker.Write(b, o, 30, 2, 0);
        }

        public static LampStatus Read(byte[] b, int o)
        {
            LampStatus m = new LampStatus();
            uint level = BitPacker.Read(b, o, 0, 7);
            if (level > 100)
            {
                throw new CodecException(CodecError.InvalidField, "level", "level above 100 %");
            }

            m.Level = (byte)level;
            m.RelayOn = BitPacker.Read(b, o, 7, 1) != 0;
            uint power = BitPacker.Read(b, o, 8, 12);
            if (power != PowerMissing)
            {
                m.HasPower = true;
                m.PowerDeciWatt = (int)power * 5;
            }

            m.Faults = (LampFaults)BitPacker.Read(b, o, 20, 8);
            m.Source = (ControlSource)BitPacker.Read(b, o, 28, 2);
            return m;
        }
    }
}
