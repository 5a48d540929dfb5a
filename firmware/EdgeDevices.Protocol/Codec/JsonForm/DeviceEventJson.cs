using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"code" (name), "raised" (bool), "severity" (name), "value" (−32768..32767).</summary>
    internal static class DeviceEventJson
    {
        public static void Write(DeviceEvent m, JsonWriter w)
        {
            string code = WireNames.Of(m.Code);
            string severity = WireNames.Of(m.Severity);
            if (code == null || severity == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, code == null ? "code" : "severity", "unknown event code or severity");
            }

            w.Name("code");
            w.String(code);
            w.Name("raised");
            w.Boolean(m.Raised);
            w.Name("severity");
            w.String(severity);
            w.Name("value");
            w.Integer(m.Value);
        }

        public static DeviceEvent Read(FieldReader r)
        {
            DeviceEvent m = new DeviceEvent();
            m.Code = (EventCode)r.Name("code", true, 255, WireNames.EventCodeName, "a known event code (docs/wire-format.md)");
            m.Raised = r.Boolean("raised", true, false);
            m.Severity = (EventSeverity)r.Name("severity", true, 3, WireNames.SeverityName, "info, warning, alarm or critical");

            m.Value = (short)r.Integer("value", false, 0, short.MinValue, short.MaxValue);
            return m;
        }
    }
}
