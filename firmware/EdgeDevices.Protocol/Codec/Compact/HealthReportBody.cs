using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// 20 bytes: free heap (u32), uptime s (u32), RSSI (s8), reset reason (u8), firmware major (u8),
    /// minor (u8), patch (u16), outbox depth (u16), outbox drops (u32), all big-endian.
    /// </summary>
    internal static class HealthReportBody
    {
        public const int Size = 20;

        public static void Write(HealthReport m, byte[] b, int o)
        {
            if (WireNames.Of(m.ResetReason) == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "resetReason", "unknown reset reason");
            }

            BigEndian.WriteUInt(b, o, 4, m.FreeHeapBytes);
            BigEndian.WriteUInt(b, o + 4, 4, m.UptimeSeconds);
            b[o + 8] = (byte)m.Rssi;
            b[o + 9] = (byte)m.ResetReason;
            b[o + 10] = m.FirmwareMajor;
            b[o + 11] = m.FirmwareMinor;
            BigEndian.WriteUInt(b, o + 12, 2, m.FirmwarePatch);
            BigEndian.WriteUInt(b, o + 14, 2, m.OutboxDepth);
            BigEndian.WriteUInt(b, o + 16, 4, m.OutboxDrops);
        }

        public static HealthReport Read(byte[] b, int o)
        {
            HealthReport m = new HealthReport();
            m.FreeHeapBytes = BigEndian.ReadUInt(b, o, 4);
            m.UptimeSeconds = BigEndian.ReadUInt(b, o + 4, 4);
            m.Rssi = (sbyte)b[o + 8];
            m.ResetReason = (ResetReason)b[o + 9];
            if (WireNames.Of(m.ResetReason) == null)
            {
                throw new CodecException(CodecError.InvalidField, "resetReason", "unknown reset reason " + b[o + 9].ToString());
            }

            m.FirmwareMajor = b[o + 10];
            m.FirmwareMinor = b[o + 11];
            m.FirmwarePatch = (ushort)BigEndian.ReadUInt(b, o + 12, 2);
            m.OutboxDepth = (ushort)BigEndian.ReadUInt(b, o + 14, 2);
            m.OutboxDrops = BigEndian.ReadUInt(b, o + 16, 4);
            return m;
        }
    }
}
