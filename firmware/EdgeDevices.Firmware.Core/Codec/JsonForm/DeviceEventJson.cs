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
            string code = r.String("code", true, null, 1, 32);
            EventCode parsedCode;
            if (code != null)
            {
                if (WireNames.TryParse(code, out parsedCode))
                {
                    m.Code = parsedCode;
                }
                else
                {
                    r.AddError("code", FieldErrorKind.InvalidValue, "is not a known event code");
                }
            }

            m.Raised = r.Boolean("raised", true, false);
            string severity = r.String("severity", true, null, 1, 16);
            EventSeverity parsedSeverity;
            if (severity != null)
            {
                if (WireNames.TryParse(severity, out parsedSeverity))
                {
                    m.Severity = parsedSeverity;
                }
                else
                {
                    r.AddError("severity", FieldErrorKind.InvalidValue, "must be info, warning, alarm or critical");
                }
            }

            m.Value = (short)r.Integer("value", false, 0, short.MinValue, short.MaxValue);
            return m;
        }
    }
}
