using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>6 bytes: phase (u8), reason (u8), version major (u8), minor (u8), patch (u16).</summary>
    internal static class UpdateStatusBody
    {
        public const int Size = 6;

        public static void Write(UpdateStatus m, byte[] b, int o)
        {
            if (!WireNames.IsDefined(m.Phase) || !WireNames.IsDefined(m.Reason))
            {
                throw new CodecException(CodecError.ValueOutOfRange, WireNames.IsDefined(m.Phase) ? "reason" : "phase", "unknown update phase or reason");
            }

            b[o] = (byte)m.Phase;
            b[o + 1] = (byte)m.Reason;
            b[o + 2] = m.Major;
            b[o + 3] = m.Minor;
            BigEndian.WriteUInt(b, o + 4, 2, m.Patch);
        }

        public static UpdateStatus Read(byte[] b, int o)
        {
            UpdateStatus m = new UpdateStatus();
            m.Phase = (UpdatePhase)b[o];
            m.Reason = (UpdateVerdict)b[o + 1];
            if (!WireNames.IsDefined(m.Phase) || !WireNames.IsDefined(m.Reason))
            {
                throw new CodecException(CodecError.InvalidField, WireNames.IsDefined(m.Phase) ? "reason" : "phase", "unknown update phase or reason");
            }

            m.Major = b[o + 2];
            m.Minor = b[o + 3];
            m.Patch = (ushort)BigEndian.ReadUInt(b, o + 4, 2);
            return m;
        }
    }
}
