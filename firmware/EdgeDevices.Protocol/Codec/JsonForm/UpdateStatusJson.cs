using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"phase" (name), "reason" (name), "version" ("major.minor.patch").</summary>
    internal static class UpdateStatusJson
    {
        public static void Write(UpdateStatus m, JsonWriter w)
        {
            string phase = WireNames.Of(m.Phase);
            string reason = WireNames.Of(m.Reason);
            if (phase == null || reason == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, phase == null ? "phase" : "reason", "unknown update phase or reason");
            }

            w.Name("phase");
            w.String(phase);
            w.Name("reason");
            w.String(reason);
            w.Name("version");
            w.String(m.Major.ToString() + "." + m.Minor.ToString() + "." + m.Patch.ToString());
        }

        public static UpdateStatus Read(FieldReader r)
        {
            UpdateStatus m = new UpdateStatus();
            m.Phase = (UpdatePhase)r.Name("phase", true, 6, WireNames.UpdatePhaseName, "refused, downloading, staged, trial, healthy or rolledBack");
            m.Reason = (UpdateVerdict)r.Name("reason", true, 14, WireNames.UpdateVerdictName, "an update verdict (accepted, badSignature, …)");
            string version = r.String("version", true, null, 5, 17);
            int major;
            int minor;
            int patch;
            if (version != null)
            {
                if (VersionText.TryParse(version, out major, out minor, out patch) && major <= byte.MaxValue && minor <= byte.MaxValue && patch <= ushort.MaxValue)
                {
                    m.Major = (byte)major;
                    m.Minor = (byte)minor;
                    m.Patch = (ushort)patch;
                }
                else
                {
                    r.AddError("version", FieldErrorKind.InvalidValue, "must be major.minor.patch (0–255, 0–255, 0–65535)");
                }
            }

            return m;
        }
    }
}
