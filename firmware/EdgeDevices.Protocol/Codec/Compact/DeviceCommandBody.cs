using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// 21 bytes: command id (u16), kind (u8), level (u8, %), duration minutes (u16), counter (u32), expiry
    /// (u24, <see cref="WireTime"/> minutes, 0 = never) and the MAC (8 bytes, zeros when unsigned). A
    /// schedule document does not fit a compact frame: setSchedule travels in the JSON form.
    /// </summary>
    internal static class DeviceCommandBody
    {
        public const int Size = 21;

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

            if (m.Document != null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "document", "a command with a document has only the JSON form");
            }

            if (m.ExpiresAt != 0 && (m.ExpiresAt % 60 != 0 || m.ExpiresAt < WireTime.EpochUnixSeconds || m.ExpiresAt > WireTime.MaxUnixSeconds))
            {
                throw new CodecException(CodecError.ValueOutOfRange, "expiresAt", "expiry must be a whole minute the compact form can carry");
            }

            if (m.Mac != null && m.Mac.Length != CommandMac.Size)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "mac", "a MAC has 8 bytes");
            }

            BigEndian.WriteUInt(b, o, 2, m.CommandId);
            b[o + 2] = (byte)m.Kind;
            b[o + 3] = m.Level;
            BigEndian.WriteUInt(b, o + 4, 2, m.DurationMinutes);
            BigEndian.WriteUInt(b, o + 6, 4, m.Counter);
            BigEndian.WriteUInt(b, o + 10, 3, m.ExpiresAt == 0 ? 0 : WireTime.ToWire(m.ExpiresAt));
            for (int i = 0; i < CommandMac.Size; i++)
            {
                b[o + 13 + i] = m.Mac == null ? (byte)0 : m.Mac[i];
            }
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
            m.Counter = BigEndian.ReadUInt(b, o + 6, 4);
            uint expiry = BigEndian.ReadUInt(b, o + 10, 3);
            m.ExpiresAt = expiry == 0 ? 0 : WireTime.FromWire(expiry);
            byte[] mac = new byte[CommandMac.Size];
            bool signed = false;
            for (int i = 0; i < CommandMac.Size; i++)
            {
                mac[i] = b[o + 13 + i];
                signed |= mac[i] != 0;
            }

            m.Mac = signed ? mac : null;
            return m;
        }
    }
}
