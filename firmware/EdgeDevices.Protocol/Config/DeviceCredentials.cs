using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Config
{
    /// <summary>
    /// New credentials from the gateway (a <c>rotateCredentials</c> command's document, kept on flash as
    /// I:\credentials.json, where they replace config.json's <c>mqtt.password</c> and <c>commandKey</c>):
    /// <c>{"password": "…", "commandKey": "…"}</c>, the password as config.json's (8–128 characters; omitted
    /// for a LoRaWAN device), the key 64 hexadecimal digits.
    /// </summary>
    public sealed class DeviceCredentials
    {
        private static readonly string[] Keys = new string[] { "password", "commandKey" };

        private DeviceCredentials(string password, byte[] commandKey)
        {
            Password = password;
            CommandKey = commandKey;
        }

        /// <summary>The MQTT password, or null when the document has none.</summary>
        public string Password { get; private set; }

        /// <summary>The command key (32 bytes).</summary>
        public byte[] CommandKey { get; private set; }

        /// <summary>Parses a document; null with <paramref name="errors"/> naming every problem when it is not valid.</summary>
        public static DeviceCredentials Parse(string json, out FieldError[] errors)
        {
            object root;
            try
            {
                root = JsonReader.Parse(json, 2);
            }
            catch (JsonException e)
            {
                errors = new FieldError[] { new FieldError("$", FieldErrorKind.Malformed, "credentials are not valid JSON: " + e.Message) };
                return null;
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                errors = new FieldError[] { new FieldError("$", FieldErrorKind.WrongType, "credentials must be a JSON object") };
                return null;
            }

            FieldReader r = new FieldReader(obj);
            r.RejectUnknown(Keys);
            string password = r.String("password", false, null, 8, 128);
            string keyText = r.String("commandKey", true, null, 64, 64);
            byte[] key = keyText == null ? null : HexText.Parse(keyText, CommandMac.KeySize);
            if (keyText != null && key == null)
            {
                r.AddError("commandKey", FieldErrorKind.InvalidValue, "must be 64 hexadecimal digits (a 32-byte key)");
            }

            if (r.HasErrors)
            {
                errors = r.Errors;
                return null;
            }

            errors = new FieldError[0];
            return new DeviceCredentials(password, key);
        }

        /// <summary>Puts these credentials into <paramref name="config"/> (the password only where it has MQTT).</summary>
        public void ApplyTo(DeviceConfig config)
        {
            config.CommandKey = CommandKey;
            if (Password != null && config.Mqtt != null)
            {
                config.Mqtt.Password = Password;
            }
        }
    }
}
