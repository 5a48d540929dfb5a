using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Config
{
    /// <summary>
    /// Parses and validates a device configuration (docs/device-config.md). Every problem is reported
    /// with the path of its field ("mqtt.port", "location.latitude"), all at once, so a technician fixes
    /// the file in one go. Unknown settings are errors: a misspelt key must not silently fall back to a
    /// default.
    /// </summary>
    public static class DeviceConfigParser
    {
        private static readonly string[] TopLevel = new string[]
        {
            "version", "deviceId", "role", "board", "transport", "encoding", "wifi", "mqtt", "lorawan",
            "telemetryIntervalSeconds", "healthIntervalSeconds", "watchdogSeconds", "utcOffsetMinutes",
            "location", "outbox"
        };

        private static readonly string[] MqttKeys = new string[] { "host", "port", "tls", "username", "password", "keepAliveSeconds" };
        private static readonly string[] WifiKeys = new string[] { "ssid", "password" };
        private static readonly string[] LoRaWanKeys = new string[] { "region", "devEui", "joinEui", "appKey" };
        private static readonly string[] LocationKeys = new string[] { "latitude", "longitude" };
        private static readonly string[] OutboxKeys = new string[] { "slots" };

        /// <summary>Parses configuration text.</summary>
        public static ConfigParseResult Parse(string json)
        {
            object root;
            try
            {
                root = JsonReader.Parse(json);
            }
            catch (JsonException e)
            {
                return Failed(new FieldError("$", FieldErrorKind.Malformed, "configuration is not valid JSON: " + e.Message));
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                return Failed(new FieldError("$", FieldErrorKind.WrongType, "configuration must be a JSON object"));
            }

            FieldReader r = new FieldReader(obj);
            r.RejectUnknown(TopLevel);
            DeviceConfig c = new DeviceConfig();

            long version = r.Integer("version", true, DeviceConfig.SchemaVersion, int.MinValue, int.MaxValue);
            if (version != DeviceConfig.SchemaVersion)
            {
                r.AddError("version", FieldErrorKind.InvalidValue, "is " + NumberText.Integer(version) + " but this firmware reads configuration version " + NumberText.Integer(DeviceConfig.SchemaVersion));
            }

            c.DeviceId = r.String("deviceId", true, null, MqttTopics.MinDeviceIdLength, MqttTopics.MaxDeviceIdLength);
            if (c.DeviceId != null && !MqttTopics.IsValidDeviceId(c.DeviceId))
            {
                r.AddError("deviceId", FieldErrorKind.InvalidValue, "may hold only lower-case letters, digits and '-', and must not start with '-'");
            }

            int role = r.Name("role", true, 3, ConfigNames.Role, "streetlight, airquality or meter");
            if (role > 0)
            {
                c.Role = (DeviceRole)role;
            }

            c.Board = r.String("board", true, null, 1, 32);
            if (c.Board != null && !IsName(c.Board))
            {
                r.AddError("board", FieldErrorKind.InvalidValue, "must be a board name from hardware/boards (lower-case letters, digits, '-')");
            }

            int transport = r.Has("transport") ? r.Name("transport", false, 2, ConfigNames.Transport, "mqtt or lorawan") : (int)TransportKind.Mqtt;
            c.Transport = transport > 0 ? (TransportKind)transport : TransportKind.Mqtt;

            PayloadEncoding defaultEncoding = c.Transport == TransportKind.LoRaWan ? PayloadEncoding.Compact : PayloadEncoding.Json;
            int encoding = r.Has("encoding") ? r.Name("encoding", false, 2, ConfigNames.Encoding, "json or compact") : (int)defaultEncoding;
            c.Encoding = encoding > 0 ? (PayloadEncoding)encoding : defaultEncoding;
            if (c.Encoding == PayloadEncoding.Json && c.Transport == TransportKind.LoRaWan)
            {
                r.AddError("encoding", FieldErrorKind.InvalidValue, "must be compact when transport is lorawan (JSON does not fit LoRaWAN frames)");
            }

            c.Wifi = ReadWifi(r.Object("wifi", false));
            c.Mqtt = ReadMqtt(r.Object("mqtt", c.Transport == TransportKind.Mqtt), c.DeviceId);
            c.LoRaWan = ReadLoRaWan(r.Object("lorawan", c.Transport == TransportKind.LoRaWan));

            c.TelemetryIntervalSeconds = (int)r.Integer("telemetryIntervalSeconds", false, 60, 10, 86400);
            c.HealthIntervalSeconds = (int)r.Integer("healthIntervalSeconds", false, 300, 60, 86400);
            c.WatchdogSeconds = (int)r.Integer("watchdogSeconds", false, 120, 30, 3600);
            c.UtcOffsetMinutes = (int)r.Integer("utcOffsetMinutes", false, 300, -720, 840);

            FieldReader location = r.Object("location", c.Role == DeviceRole.StreetLight);
            if (location != null)
            {
                location.RejectUnknown(LocationKeys);
                c.HasLocation = true;
                c.LatitudeMicroDegrees = (int)location.Scaled("latitude", 6, true, 0, -90000000, 90000000);
                c.LongitudeMicroDegrees = (int)location.Scaled("longitude", 6, true, 0, -180000000, 180000000);
            }

            c.OutboxSlots = 256;
            FieldReader outbox = r.Object("outbox", false);
            if (outbox != null)
            {
                outbox.RejectUnknown(OutboxKeys);
                c.OutboxSlots = (int)outbox.Integer("slots", false, 256, 16, 4096);
            }

            return r.HasErrors ? new ConfigParseResult(null, r.Errors) : new ConfigParseResult(c, new FieldError[0]);
        }

        private static WifiSettings ReadWifi(FieldReader r)
        {
            if (r == null)
            {
                return null;
            }

            r.RejectUnknown(WifiKeys);
            WifiSettings w = new WifiSettings();
            w.Ssid = r.String("ssid", true, null, 1, 32);
            w.Password = r.String("password", false, string.Empty, 0, 63);
            if (w.Password != null && w.Password.Length > 0 && w.Password.Length < 8)
            {
                r.AddError("password", FieldErrorKind.OutOfRange, "must be empty (open network) or 8 to 63 characters (WPA2)");
            }

            return w;
        }

        private static MqttSettings ReadMqtt(FieldReader r, string deviceId)
        {
            if (r == null)
            {
                return null;
            }

            r.RejectUnknown(MqttKeys);
            MqttSettings m = new MqttSettings();
            m.Host = r.String("host", true, null, 1, 253);
            if (m.Host != null && !IsHostName(m.Host))
            {
                r.AddError("host", FieldErrorKind.InvalidValue, "must be a host name or IPv4 address");
            }

            m.Tls = r.Boolean("tls", false, false);
            m.Port = (int)r.Integer("port", false, m.Tls ? 8883 : 1883, 1, 65535);
            m.Username = r.String("username", false, deviceId, 1, 64);
            m.Password = r.String("password", true, null, 8, 128);
            m.KeepAliveSeconds = (int)r.Integer("keepAliveSeconds", false, 60, 10, 3600);
            return m;
        }

        private static LoRaWanSettings ReadLoRaWan(FieldReader r)
        {
            if (r == null)
            {
                return null;
            }

            r.RejectUnknown(LoRaWanKeys);
            LoRaWanSettings l = new LoRaWanSettings();
            int region = r.Has("region") ? r.Name("region", false, 2, ConfigNames.Region, "IN865 (default for Kazakhstan), EU868 or RU864") : 0;
            l.Region = ConfigNames.Region(region < 0 ? 0 : region);

            l.DevEui = Hex(r, "devEui", 16);
            l.JoinEui = Hex(r, "joinEui", 16);
            l.AppKey = Hex(r, "appKey", 32);
            return l;
        }

        private static string Hex(FieldReader r, string name, int digits)
        {
            string value = r.String(name, true, null, digits, digits);
            if (value == null)
            {
                return null;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    r.AddError(name, FieldErrorKind.InvalidValue, "must be " + digits.ToString() + " hexadecimal digits");
                    return null;
                }
            }

            return value.ToUpper();
        }

        private static bool IsName(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
                {
                    return false;
                }
            }

            return true;
        }

        // Letters, digits, '-' and '.', no empty label: covers DNS names and dotted IPv4.
        private static bool IsHostName(string value)
        {
            int labelLength = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '.')
                {
                    if (labelLength == 0)
                    {
                        return false;
                    }

                    labelLength = 0;
                    continue;
                }

                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok || labelLength == 63)
                {
                    return false;
                }

                labelLength++;
            }

            return labelLength > 0;
        }

        private static ConfigParseResult Failed(FieldError error)
        {
            return new ConfigParseResult(null, new FieldError[] { error });
        }
    }
}
