using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>32 bits: code (8), raised (1), severity (2), reserved (5, zero), value (16, signed).</summary>
    internal static class DeviceEventBody
    {
        public const int Size = 4;

        public static void Write(DeviceEvent m, byte[] b, int o)
        {
            if (!WireNames.IsDefined(m.Code))
            {
                throw new CodecException(CodecError.ValueOutOfRange, "code", "unknown event code");
            }

            if ((int)m.Severity > 3)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "severity", "unknown severity");
            }

            b[o] = (byte)m.Code;
            b[o + 1] = (byte)((m.Raised ? 0x80 : 0) | ((int)m.Severity << 5));
            BigEndian.WriteUInt(b, o + 2, 2, (ushort)m.Value);
        }

        public static DeviceEvent Read(byte[] b, int o)
        {
            DeviceEvent m = new DeviceEvent();
            m.Code = (EventCode)b[o];
            if (!WireNames.IsDefined(m.Code))
            {
                throw new CodecException(CodecError.InvalidField, "code", "unknown event code " + b[o].ToString());
            }

            m.Raised = (b[o + 1] & 0x80) != 0;
            m.Severity = (EventSeverity)((b[o + 1] >> 5) & 3);
            m.Value = (short)BigEndian.ReadUInt(b, o + 2, 2);
            return m;
        }
    }
}
