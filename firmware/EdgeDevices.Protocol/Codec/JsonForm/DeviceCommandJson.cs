using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>
    /// "commandId", "kind" (name), "level" (%), "durationMinutes", "counter", "expiresAt" (message time,
    /// 0 = never), "document" (setSchedule and update only) and "mac" (16 hex digits).
    /// </summary>
    internal static class DeviceCommandJson
    {
        /// <summary>Longest schedule document a command carries.</summary>
        public const int MaxDocumentLength = 3072;

        public static void Write(DeviceCommand m, JsonWriter w)
        {
            string kind = WireNames.Of(m.Kind);
            if (kind == null || m.Level > 100)
            {
                throw new CodecException(CodecError.ValueOutOfRange, kind == null ? "kind" : "level", "command field out of range");
            }

            if (m.Document != null && m.Document.Length > MaxDocumentLength)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "document", "document longer than " + MaxDocumentLength.ToString() + " characters");
            }

            if (m.Mac != null && m.Mac.Length != CommandMac.Size)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "mac", "a MAC has 8 bytes");
            }

            w.Name("commandId");
            w.Integer(m.CommandId);
            w.Name("kind");
            w.String(kind);
            w.Name("level");
            w.Integer(m.Level);
            w.Name("durationMinutes");
            w.Integer(m.DurationMinutes);
            w.Name("counter");
            w.Integer(m.Counter);
            w.Name("expiresAt");
            w.Integer(m.ExpiresAt);
            if (m.Document != null)
            {
                w.Name("document");
                w.String(m.Document);
            }

            if (m.Mac != null)
            {
                w.Name("mac");
                w.String(HexText.Of(m.Mac));
            }
        }

        public static DeviceCommand Read(FieldReader r)
        {
            DeviceCommand m = new DeviceCommand();
            m.CommandId = (ushort)r.Integer("commandId", true, 0, 0, ushort.MaxValue);
            m.Kind = (CommandKind)r.Name("kind", true, 8, WireNames.CommandKindName, "setOverride, clearOverride, requestHealth, reboot, setSchedule, update, setLampType or rotateCredentials");

            m.Level = (byte)r.Integer("level", false, 0, 0, 100);
            m.DurationMinutes = (ushort)r.Integer("durationMinutes", false, 0, 0, ushort.MaxValue);
            m.Counter = (uint)r.Integer("counter", false, 0, 0, uint.MaxValue);
            m.ExpiresAt = (uint)r.Integer("expiresAt", false, 0, 0, uint.MaxValue);
            m.Document = r.String("document", false, null, 0, MaxDocumentLength);
            string mac = r.String("mac", false, null, CommandMac.Size * 2, CommandMac.Size * 2);
            if (mac != null)
            {
                m.Mac = HexText.Parse(mac, CommandMac.Size);
                if (m.Mac == null)
                {
                    r.AddError("mac", FieldErrorKind.InvalidValue, "must be 16 hexadecimal digits");
                }
            }

            return m;
        }
    }
}
