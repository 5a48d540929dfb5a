using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>
    /// "freeHeap", "uptime" (s), "rssi" (dBm, 0 = unknown), "resetReason" (name), "firmware" ("major.minor.patch"),
    /// "outboxDepth", "outboxDrops", and "gatewayRejects" when the gateway has sent reject notices since boot.
    /// </summary>
    internal static class HealthReportJson
    {
        public static void Write(HealthReport m, JsonWriter w)
        {
            string reason = WireNames.Of(m.ResetReason);
            if (reason == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "resetReason", "unknown reset reason");
            }

            w.Name("freeHeap");
            w.Integer(m.FreeHeapBytes);
            w.Name("uptime");
            w.Integer(m.UptimeSeconds);
            w.Name("rssi");
            w.Integer(m.Rssi);
            w.Name("resetReason");
            w.String(reason);
            w.Name("firmware");
            w.String(NumberText.Integer(m.FirmwareMajor) + "." + NumberText.Integer(m.FirmwareMinor) + "." + NumberText.Integer(m.FirmwarePatch));
            w.Name("outboxDepth");
            w.Integer(m.OutboxDepth);
            w.Name("outboxDrops");
            w.Integer(m.OutboxDrops);
            if (m.GatewayRejects > 0)
            {
                w.Name("gatewayRejects");
                w.Integer(m.GatewayRejects);
            }
        }

        public static HealthReport Read(FieldReader r)
        {
            HealthReport m = new HealthReport();
            m.FreeHeapBytes = (uint)r.Integer("freeHeap", true, 0, 0, uint.MaxValue);
            m.UptimeSeconds = (uint)r.Integer("uptime", true, 0, 0, uint.MaxValue);
            m.Rssi = (sbyte)r.Integer("rssi", true, 0, sbyte.MinValue, sbyte.MaxValue);
            m.ResetReason = (ResetReason)r.Name("resetReason", true, 6, WireNames.ResetReasonName, "a known reset reason (docs/wire-format.md)");

            string firmware = r.String("firmware", true, null, 5, 17);
            if (firmware != null && !ParseVersion(firmware, m))
            {
                r.AddError("firmware", FieldErrorKind.InvalidValue, "must be major.minor.patch");
            }

            m.OutboxDepth = (ushort)r.Integer("outboxDepth", true, 0, 0, ushort.MaxValue);
            m.OutboxDrops = (uint)r.Integer("outboxDrops", true, 0, 0, uint.MaxValue);
            m.GatewayRejects = (uint)r.Integer("gatewayRejects", false, 0, 0, uint.MaxValue);
            return m;
        }

        private static bool ParseVersion(string text, HealthReport m)
        {
            string[] parts = text.Split(new char[] { '.' });
            if (parts.Length != 3)
            {
                return false;
            }

            long major;
            long minor;
            long patch;
            if (!SmallNumber(parts[0], 255, out major) || !SmallNumber(parts[1], 255, out minor) || !SmallNumber(parts[2], 65535, out patch))
            {
                return false;
            }

            m.FirmwareMajor = (byte)major;
            m.FirmwareMinor = (byte)minor;
            m.FirmwarePatch = (ushort)patch;
            return true;
        }

        // Digits only (no sign, no spaces), at most max.
        private static bool SmallNumber(string text, long max, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 5)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return value <= max;
        }
    }
}
