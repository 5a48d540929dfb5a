using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Metering;

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
            "location", "outbox", "lamp", "airQuality", "meter", "commandKey", "update"
        };

        private static readonly string[] MqttKeys = new string[] { "host", "port", "tls", "username", "password", "keepAliveSeconds" };
        private static readonly string[] WifiKeys = new string[] { "ssid", "password" };
        private static readonly string[] LoRaWanKeys = new string[] { "region", "devEui", "joinEui", "appKey", "dutyCyclePercent" };
        private static readonly string[] UpdateKeys = new string[] { "releaseKey", "probationSeconds", "deadlineSeconds", "maxBundleBytes" };
        private static readonly string[] LocationKeys = new string[] { "latitude", "longitude" };
        private static readonly string[] OutboxKeys = new string[] { "slots" };
        private static readonly string[] LampKeys = new string[]
        {
            "ratedWatts", "minLevel", "virtualFullLevel", "interface", "warmUpSeconds", "powerTolerancePercent", "standbyWatts"
        };

        private static readonly string[] AirQualityKeys = new string[] { "particles", "climate", "samplesPerCycle", "warmUpSeconds" };
        private static readonly string[] MeterKeys = new string[] { "channels", "nightWindow" };
        private static readonly string[] ChannelKeys = new string[]
        {
            "medium", "pulsesPerUnit", "initialTotal", "input", "debounceMs", "maxFlowPerHour", "unsavedPulses"
        };

        private static readonly string[] NightKeys = new string[] { "from", "until", "bucketMinutes" };

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
            c.CommandKey = ReadCommandKey(r);
            c.Update = ReadUpdate(r.Object("update", false), c.WatchdogSeconds);

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

            c.Lamp = ReadLamp(RoleSection(r, "lamp", c.Role, DeviceRole.StreetLight, true));
            c.AirQuality = ReadAirQuality(RoleSection(r, "airQuality", c.Role, DeviceRole.AirQuality, false), c.Role == DeviceRole.AirQuality);
            c.Meter = ReadMeter(RoleSection(r, "meter", c.Role, DeviceRole.Meter, true));

            return r.HasErrors ? new ConfigParseResult(null, r.Errors) : new ConfigParseResult(c, new FieldError[0]);
        }

        // A section that belongs to one role: required (or optional) for it, an error for the others.
        private static FieldReader RoleSection(FieldReader r, string name, DeviceRole role, DeviceRole owner, bool required)
        {
            if (role != owner)
            {
                if (r.Has(name) && role != 0)
                {
                    r.AddError(name, FieldErrorKind.InvalidValue, "applies only to role " + ConfigNames.Role((int)owner));
                }

                return null;
            }

            return r.Object(name, required);
        }

        /// <summary>The lamp section's keys, read as config.json's <c>lamp</c> is (also for a <c>setLampType</c> document).</summary>
        internal static EdgeDevices.Firmware.Lighting.Output.LampType ReadLamp(FieldReader r)
        {
            if (r == null)
            {
                return null;
            }

            r.RejectUnknown(LampKeys);
            EdgeDevices.Firmware.Lighting.Output.LampType lamp = new EdgeDevices.Firmware.Lighting.Output.LampType((int)r.Integer("ratedWatts", true, 100, 1, 2000));
            lamp.MinLevel = (byte)r.Integer("minLevel", false, lamp.MinLevel, 0, 100);
            lamp.VirtualFullLevel = (byte)r.Integer("virtualFullLevel", false, lamp.VirtualFullLevel, 1, 100);
            int dimming = r.Has("interface") ? r.Name("interface", false, 2, DimmingName, "pwm, 0-10v or 1-10v") : 1;
            lamp.Interface = (EdgeDevices.Firmware.Lighting.Output.DimmingInterface)(dimming < 0 ? 1 : dimming);
            lamp.WarmUpSeconds = (int)r.Integer("warmUpSeconds", false, lamp.WarmUpSeconds, 0, 900);
            lamp.PowerTolerancePercent = (byte)r.Integer("powerTolerancePercent", false, lamp.PowerTolerancePercent, 1, 50);
            lamp.StandbyWatts = (int)r.Integer("standbyWatts", false, lamp.StandbyWatts, 0, 50);
            return lamp;
        }

        private static AirQualitySettings ReadAirQuality(FieldReader r, bool isAirQualityNode)
        {
            if (!isAirQualityNode)
            {
                return null;
            }

            AirQualitySettings a = new AirQualitySettings();
            a.Particles = ParticleSensorKind.Pms5003;
            a.Climate = ClimateSensorKind.Bme280;
            a.SamplesPerCycle = 5;
            a.WarmUpSeconds = 30;
            if (r == null)
            {
                return a;
            }

            r.RejectUnknown(AirQualityKeys);
            if (r.Has("particles"))
            {
                int particles = r.Name("particles", false, 2, ParticleName, "pms5003, sds011 or none");
                a.Particles = particles < 0 ? a.Particles : (ParticleSensorKind)particles;
            }

            if (r.Has("climate"))
            {
                int climate = r.Name("climate", false, 2, ClimateName, "bme280, bme680 or none");
                a.Climate = climate < 0 ? a.Climate : (ClimateSensorKind)climate;
            }

            a.SamplesPerCycle = (int)r.Integer("samplesPerCycle", false, a.SamplesPerCycle, 1, 30);
            a.WarmUpSeconds = (int)r.Integer("warmUpSeconds", false, a.WarmUpSeconds, 0, 120);
            return a;
        }

        private static MeterSettings ReadMeter(FieldReader r)
        {
            if (r == null)
            {
                return null;
            }

            r.RejectUnknown(MeterKeys);
            int nightFrom = 120;
            int nightUntil = 300;
            int bucket = 15;
            FieldReader night = r.Object("nightWindow", false);
            if (night != null)
            {
                night.RejectUnknown(NightKeys);
                nightFrom = Clock(night, "from", nightFrom);
                nightUntil = Clock(night, "until", nightUntil);
                if (nightUntil <= nightFrom)
                {
                    night.AddError("until", FieldErrorKind.InvalidValue, "must be later than from on the same night (the window may not cross midnight)");
                }

                bucket = (int)night.Integer("bucketMinutes", false, bucket, 5, 60);
            }

            JsonArray array = r.Array("channels", true);
            if (array == null)
            {
                return null;
            }

            if (array.Count < 1 || array.Count > 4)
            {
                r.AddError("channels", FieldErrorKind.OutOfRange, "must list 1 to 4 channels");
                return null;
            }

            MeterSettings m = new MeterSettings();
            m.Channels = new MeterChannelSettings[array.Count];
            m.Inputs = new MeterInputKind[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                FieldReader ch = r.Item("channels", array, i);
                if (ch == null)
                {
                    continue;
                }

                ch.RejectUnknown(ChannelKeys);
                int medium = ch.Name("medium", true, 3, EdgeDevices.Firmware.Codec.WireNames.MediumName, "electricity, water, gas or heat");
                int pulsesPerUnit = (int)ch.Integer("pulsesPerUnit", true, 1000, 1, 100000);
                MeterChannelSettings settings = new MeterChannelSettings((EdgeDevices.Firmware.Messages.MeterMedium)(medium < 0 ? 0 : medium), i, pulsesPerUnit);
                settings.InitialTotalMilli = ch.Scaled("initialTotal", 3, false, 0, 0, 999999999999);
                settings.DebounceMs = (int)ch.Integer("debounceMs", false, settings.DebounceMs, 1, 29);
                settings.MaxFlowMilliPerHour = ch.Scaled("maxFlowPerHour", 3, false, 0, 0, 999999999);
                settings.UnsavedPulseWindow = (int)ch.Integer("unsavedPulses", false, settings.UnsavedPulseWindow, 1, 10000);
                settings.NightWindowStartMinute = nightFrom;
                settings.NightWindowEndMinute = nightUntil;
                settings.NightBucketMinutes = bucket;
                int input = ch.Has("input") ? ch.Name("input", false, 1, InputName, "gpio or pcnt") : 0;
                m.Inputs[i] = (MeterInputKind)(input < 0 ? 0 : input);
                m.Channels[i] = settings;
            }

            return m;
        }

        private static int Clock(FieldReader r, string name, int defaultMinutes)
        {
            string text = r.String(name, false, null, 5, 5);
            if (text == null)
            {
                return defaultMinutes;
            }

            int minutes = EdgeDevices.Firmware.Lighting.Schedule.ScheduleText.ParseClock(text);
            if (minutes < 0)
            {
                r.AddError(name, FieldErrorKind.InvalidValue, "must be a time HH:MM");
                return defaultMinutes;
            }

            return minutes;
        }

        private static string DimmingName(int value)
        {
            switch (value)
            {
                case 0: return "pwm";
                case 1: return "0-10v";
                case 2: return "1-10v";
                default: return null;
            }
        }

        private static string ParticleName(int value)
        {
            switch (value)
            {
                case 0: return "none";
                case 1: return "pms5003";
                case 2: return "sds011";
                default: return null;
            }
        }

        private static string ClimateName(int value)
        {
            switch (value)
            {
                case 0: return "none";
                case 1: return "bme280";
                case 2: return "bme680";
                default: return null;
            }
        }

        private static string InputName(int value)
        {
            switch (value)
            {
                case 0: return "gpio";
                case 1: return "pcnt";
                default: return null;
            }
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
            if (m.Username != null && deviceId != null && m.Username != deviceId)
            {
                // The gateway's broker admits a device only as itself (client id = user name = device id), and the
                // mosquitto ACL (docs/gateway.md) keys each device's topics on its user name: any other name is refused.
                r.AddError("username", FieldErrorKind.InvalidValue, "must be the device id \"" + deviceId + "\" (or left out): brokers admit a device only under its own id");
            }
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
            int region = r.Has("region") ? r.Name("region", false, 3, ConfigNames.Region, "IN865 (default for Kazakhstan), EU868, RU864 or AS923") : 0;
            l.Region = ConfigNames.Region(region < 0 ? 0 : region);

            l.DevEui = Hex(r, "devEui", 16);
            l.JoinEui = Hex(r, "joinEui", 16);
            l.AppKey = Hex(r, "appKey", 32);

            // Percent with one decimal (0.1–100); kept in permille. Absent: the region's share (1 %).
            l.DutyCyclePermille = (int)r.Scaled("dutyCyclePercent", 1, false, 0, 1, 1000);
            return l;
        }

        // Optional: without a release key the device refuses every update (it cannot tell the city's bundles from others).
        private static UpdateSettings ReadUpdate(FieldReader r, int watchdogSeconds)
        {
            UpdateSettings u = new UpdateSettings();
            u.ProbationSeconds = 180;
            u.DeadlineSeconds = 900;
            u.MaxBundleBytes = 262144;
            if (r == null)
            {
                return u;
            }

            r.RejectUnknown(UpdateKeys);
            string key = r.String("releaseKey", false, null, 64, 64);
            if (key != null)
            {
                u.ReleaseKey = EdgeDevices.Firmware.Security.HexText.Parse(key, EdgeDevices.Firmware.Security.Ed25519.PublicKeySize);
                if (u.ReleaseKey == null)
                {
                    r.AddError("releaseKey", FieldErrorKind.InvalidValue, "must be 64 hexadecimal digits (an Ed25519 public key)");
                }
            }

            u.ProbationSeconds = (int)r.Integer("probationSeconds", false, watchdogSeconds + 60, 30, 3600);
            if (u.ProbationSeconds <= watchdogSeconds)
            {
                r.AddError("probationSeconds", FieldErrorKind.InvalidValue, "must be longer than watchdogSeconds (a hung thread must have rebooted the device before a bundle is kept)");
            }

            u.DeadlineSeconds = (int)r.Integer("deadlineSeconds", false, u.ProbationSeconds + 600, 60, 86400);
            if (u.DeadlineSeconds <= u.ProbationSeconds)
            {
                r.AddError("deadlineSeconds", FieldErrorKind.InvalidValue, "must be longer than probationSeconds");
            }

            u.MaxBundleBytes = (int)r.Integer("maxBundleBytes", false, 262144, 1024, 1048576);
            return u;
        }

        // Optional: a device without a key refuses every command (it cannot tell the gateway from anyone).
        private static byte[] ReadCommandKey(FieldReader r)
        {
            if (!r.Has("commandKey"))
            {
                return null;
            }

            string text = r.String("commandKey", true, null, 64, 64);
            byte[] key = text == null ? null : EdgeDevices.Firmware.Security.HexText.Parse(text, EdgeDevices.Firmware.Security.CommandMac.KeySize);
            if (text != null && key == null)
            {
                r.AddError("commandKey", FieldErrorKind.InvalidValue, "must be 64 hexadecimal digits (a 32-byte key)");
            }

            return key;
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
