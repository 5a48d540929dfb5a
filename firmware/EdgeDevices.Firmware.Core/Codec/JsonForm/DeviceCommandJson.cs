using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"commandId", "kind" (name), "level" (%), "durationMinutes".</summary>
    internal static class DeviceCommandJson
    {
        public static void Write(DeviceCommand m, JsonWriter w)
        {
            string kind = WireNames.Of(m.Kind);
            if (kind == null || m.Level > 100)
            {
                throw new CodecException(CodecError.ValueOutOfRange, kind == null ? "kind" : "level", "command field out of range");
            }

            w.Name("commandId");
            w.Integer(m.CommandId);
            w.Name("kind");
            w.String(kind);
            w.Name("level");
            w.Integer(m.Level);
            w.Name("durationMinutes");
            w.Integer(m.DurationMinutes);
        }

        public static DeviceCommand Read(FieldReader r)
        {
            DeviceCommand m = new DeviceCommand();
            m.CommandId = (ushort)r.Integer("commandId", true, 0, 0, ushort.MaxValue);
            m.Kind = (CommandKind)r.Name("kind", true, 4, WireNames.CommandKindName, "setOverride, clearOverride, requestHealth or reboot");

            m.Level = (byte)r.Integer("level", false, 0, 0, 100);
            m.DurationMinutes = (ushort)r.Integer("durationMinutes", false, 0, 0, ushort.MaxValue);
            return m;
        }
    }
}
