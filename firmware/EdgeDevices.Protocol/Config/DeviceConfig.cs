namespace EdgeDevices.Firmware.Config
{
    /// <summary>
    /// A device's configuration, read from I:\config.json at boot (docs/device-config.md). Built only by
    /// <see cref="DeviceConfigParser"/>, which fills defaults and refuses anything out of range.
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>Schema version this firmware reads.</summary>
        public const int SchemaVersion = 1;

        /// <summary>Unique id; also the MQTT topic prefix level.</summary>
        public string DeviceId { get; set; }

        /// <summary>What the device is.</summary>
        public DeviceRole Role { get; set; }

        /// <summary>Board (pin map) name from hardware/boards.</summary>
        public string Board { get; set; }

        /// <summary>How it reaches the gateway.</summary>
        public TransportKind Transport { get; set; }

        /// <summary>Which wire form it sends.</summary>
        public PayloadEncoding Encoding { get; set; }

        /// <summary>Wi-Fi credentials, or null when stored on the device already.</summary>
        public WifiSettings Wifi { get; set; }

        /// <summary>MQTT settings; set when <see cref="Transport"/> is MQTT.</summary>
        public MqttSettings Mqtt { get; set; }

        /// <summary>LoRaWAN settings; set when <see cref="Transport"/> is LoRaWAN.</summary>
        public LoRaWanSettings LoRaWan { get; set; }

        /// <summary>Seconds between readings.</summary>
        public int TelemetryIntervalSeconds { get; set; }

        /// <summary>Seconds between health reports.</summary>
        public int HealthIntervalSeconds { get; set; }

        /// <summary>Seconds without progress before the software watchdog reboots.</summary>
        public int WatchdogSeconds { get; set; }

        /// <summary>Local time offset from UTC, minutes (+300 for Kazakhstan, no DST).</summary>
        public int UtcOffsetMinutes { get; set; }

        /// <summary>The 32-byte key that authenticates the gateway's commands, or null (all commands refused).</summary>
        public byte[] CommandKey { get; set; }

        /// <summary>Over-the-air application updates: release key and trial times (defaults when absent).</summary>
        public UpdateSettings Update { get; set; }

        /// <summary>Whether a position is configured.</summary>
        public bool HasLocation { get; set; }

        /// <summary>Latitude in millionths of a degree, north positive.</summary>
        public int LatitudeMicroDegrees { get; set; }

        /// <summary>Longitude in millionths of a degree, east positive.</summary>
        public int LongitudeMicroDegrees { get; set; }

        /// <summary>Outbox slots (records held while offline).</summary>
        public int OutboxSlots { get; set; }

        /// <summary>The luminaire a street light drives; set for street lights.</summary>
        public EdgeDevices.Firmware.Lighting.Output.LampType Lamp { get; set; }

        /// <summary>Sensors of an air-quality node; set for air-quality nodes.</summary>
        public AirQualitySettings AirQuality { get; set; }

        /// <summary>Channels of a meter node; set for meter nodes.</summary>
        public MeterSettings Meter { get; set; }
    }
}
