using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Lighting.Output;

namespace EdgeDevices.Firmware.Config
{
    /// <summary>
    /// A street light's lamp parameters as the gateway sends them when its lamp type changes (a
    /// <c>setLampType</c> command's document, kept on flash as I:\lamp.json): <c>{"version": n, "lamp": {…}}</c>,
    /// the lamp section read exactly as config.json's <c>lamp</c> is. The version only grows: an older
    /// document arriving late is refused.
    /// </summary>
    public sealed class LampParameters
    {
        private static readonly string[] TopLevel = new string[] { "version", "lamp" };

        private LampParameters(int version, LampType lamp)
        {
            Version = version;
            Lamp = lamp;
        }

        /// <summary>The parameters' version (the gateway's lighting model version when it sent them).</summary>
        public int Version { get; private set; }

        /// <summary>The lamp.</summary>
        public LampType Lamp { get; private set; }

        /// <summary>Parses a document; null with <paramref name="errors"/> naming every problem when it is not valid.</summary>
        public static LampParameters Parse(string json, out FieldError[] errors)
        {
            object root;
            try
            {
                root = JsonReader.Parse(json, 3);
            }
            catch (JsonException e)
            {
                errors = new FieldError[] { new FieldError("$", FieldErrorKind.Malformed, "lamp parameters are not valid JSON: " + e.Message) };
                return null;
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                errors = new FieldError[] { new FieldError("$", FieldErrorKind.WrongType, "lamp parameters must be a JSON object") };
                return null;
            }

            FieldReader r = new FieldReader(obj);
            r.RejectUnknown(TopLevel);
            int version = (int)r.Integer("version", true, 0, 1, int.MaxValue);
            FieldReader lampReader = r.Object("lamp", true);
            LampType lamp = DeviceConfigParser.ReadLamp(lampReader);
            // The lamp's reader shares its parent's error list: one list names every problem.
            if (r.HasErrors)
            {
                errors = r.Errors;
                return null;
            }

            errors = new FieldError[0];
            return new LampParameters(version, lamp);
        }
    }
}
