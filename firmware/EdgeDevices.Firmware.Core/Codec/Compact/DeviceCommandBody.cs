using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>6 bytes: command id (u16), kind (u8), level (u8, %), duration minutes (u16).</summary>
    internal static class DeviceCommandBody
    {
        public const int Size = 6;

        public static void Write(DeviceCommand m, byte[] b, int o)
        {
            if (!WireNames.IsDefined(m.Kind))
            {
                throw new CodecException(CodecError.ValueOutOfRange, "kind", "unknown command kind");
            }

            if (m.Level > 100)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "level", "level above 100 %");
            }

            BigEndian.WriteUInt(b, o, 2, m.CommandId);
            b[o + 2] = (byte)m.Kind;
            b[o + 3] = m.Level;
            BigEndian.WriteUInt(b, o + 4, 2, m.DurationMinutes);
        }

        public static DeviceCommand Read(byte[] b, int o)
        {
            DeviceCommand m = new DeviceCommand();
            m.CommandId = (ushort)BigEndian.ReadUInt(b, o, 2);
            m.Kind = (CommandKind)b[o + 2];
            if (!WireNames.IsDefined(m.Kind))
            {
                throw new CodecException(CodecError.InvalidField, "kind", "unknown command kind");
            }

            m.Level = b[o + 3];
            if (m.Level > 100)
            {
                throw new CodecException(CodecError.InvalidField, "level", "level above 100 %");
            }

            m.DurationMinutes = (ushort)BigEndian.ReadUInt(b, o + 4, 2);
            return m;
        }
    }
}
