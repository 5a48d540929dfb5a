namespace EdgeDevices.Gateway.Configuration;

/// <summary>
/// The gateway's settings: /etc/edgedevices/gateway.json, then EDGEDEVICES_* environment variables, then
/// <c>--set key=value</c> arguments. With none of them it runs on embedded defaults: the MQTT broker on
/// loopback and the buffer in the state directory. docs/gateway.md lists every setting.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>This gateway's name, used in client ids and NGSI-LD provenance.</summary>
    public string GatewayId { get; set; } = "edgedevices-gateway";

    /// <summary>Where the buffer lives; default: systemd's $STATE_DIRECTORY, else ./state.</summary>
    public string? StateDirectory { get; set; }

    public SouthboundOptions Southbound { get; set; } = new();

    /// <summary>Over-the-air application updates.</summary>
    public UpdatesOptions Updates { get; set; } = new();

    /// <summary>LoRaWAN devices through a ChirpStack network server's MQTT integration.</summary>
    public LoRaWanOptions LoRaWan { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public ValidationOptions Validation { get; set; } = new();

    public SinksOptions Sinks { get; set; } = new();

    public HttpOptions Http { get; set; } = new();

    public LightingOptions Lighting { get; set; } = new();

    public PrivacyOptions Privacy { get; set; } = new();

    public MeteringOptions Metering { get; set; } = new();

    public AirQualityOptions AirQuality { get; set; } = new();
}

public sealed class AirQualityOptions
{
    /// <summary>Nodes (device ids) whose PM2.5 gets the US EPA humidity correction for PMS5003 sensors.</summary>
    public string[] HumidityCorrectedNodes { get; set; } = [];

    /// <summary>A PM value unchanged for this many hours (with readings throughout) marks the sensor as stuck.</summary>
    public int StuckHours { get; set; } = 6;

    /// <summary>Above this a PM value is out of the sensor's range and flagged, µg/m³ (PMS5003: 500 effective).</summary>
    public double MaxPlausiblePm { get; set; } = 1000;

    /// <summary>An alert starts when the NowCast AQI has been at or above this for <see cref="AlertMinutes"/>.</summary>
    public int AlertAqi { get; set; } = 151;

    /// <summary>And ends only when the AQI is back below this (hysteresis).</summary>
    public int ClearAqi { get; set; } = 101;

    /// <summary>How long the AQI must stay at or above the alert level before the alert starts.</summary>
    public int AlertMinutes { get; set; } = 60;

    /// <summary>
    /// The European index's table: <c>2024</c> (the EEA's revision, the default) or <c>pre-2024</c> (the
    /// earlier bands, for series begun under them).
    /// </summary>
    public string EuropeanIndexEdition { get; set; } = "2024";

    /// <summary>Hours over which the Kazakh СИ and НП are taken (24: the day, as in Kazhydromet's daily bulletins).</summary>
    public int KazakhIndexHours { get; set; } = 24;

    /// <summary>The edition as the index code knows it.</summary>
    public AirQuality.EuropeanAqiEdition European => EuropeanIndexEdition == "pre-2024" ? AirQuality.EuropeanAqiEdition.Pre2024 : AirQuality.EuropeanAqiEdition.Eea2024;
}

public sealed class MeteringOptions
{
    /// <summary>Whole-unit digits of the meters' registers: a total rolls over to 0 after 10^digits units.</summary>
    public int RegisterDigits { get; set; } = 6;

    /// <summary>Most plausible water flow, m³ per hour; an hour above it is flagged as a spike.</summary>
    public double MaxWaterPerHour { get; set; } = 10;

    /// <summary>Most plausible electricity use, kWh per hour.</summary>
    public double MaxElectricityPerHour { get; set; } = 100;

    /// <summary>Most plausible gas flow, m³ per hour.</summary>
    public double MaxGasPerHour { get; set; } = 25;

    /// <summary>Most plausible heat use, kWh per hour.</summary>
    public double MaxHeatPerHour { get; set; } = 200;

    /// <summary>Local hours of the night-flow check for water: a leak shows as flow in every one of them.</summary>
    public int NightFromHour { get; set; } = 1;

    public int NightUntilHour { get; set; } = 5;
}

public sealed class PrivacyOptions
{
    /// <summary>Device ids starting with one of these are households (personal data): pseudonymised outside the gateway.</summary>
    /// <remarks>An array, so a configured list replaces the default instead of adding to it.</remarks>
    public string[] PersonalDevicePrefixes { get; set; } = [];
}

public sealed class LightingOptions
{
    /// <summary>The city's offset from UTC in minutes, for nights in reports (+300: all of Kazakhstan since 2024-03-01).</summary>
    public int UtcOffsetMinutes { get; set; } = 300;
}

/// <summary>Where device traffic comes in.</summary>
public enum SouthboundMode
{
    /// <summary>The gateway's own MQTT broker.</summary>
    Embedded,

    /// <summary>An external broker the gateway subscribes to as a client.</summary>
    External,
}

public sealed class UpdatesOptions
{
    /// <summary>The release public key (64 hex digits, from <c>edgectl bundle keygen</c>); bundles must be signed by it. Null: no updates accepted.</summary>
    public string? ReleaseKey { get; set; }

    /// <summary>Largest bundle accepted, bytes.</summary>
    public int MaxBundleBytes { get; set; } = 1_048_576;

    /// <summary>Minutes a rollout wave may take; devices not healthy by then count as failed and the next wave starts.</summary>
    public int WaveTimeoutMinutes { get; set; } = 240;

    /// <summary>Hours an update command waits for an offline device before it expires (and the device counts as failed).</summary>
    public int CommandLifetimeHours { get; set; } = 24;
}

public sealed class LoRaWanOptions
{
    /// <summary>Whether the gateway subscribes to ChirpStack's uplink events.</summary>
    public bool Enabled { get; set; }

    /// <summary>The broker ChirpStack's MQTT integration publishes to.</summary>
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 1883;

    public bool Tls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string ClientId { get; set; } = "edgedevices-gateway-lorawan";

    /// <summary>The ChirpStack application (UUID) whose devices are ours; its uplinks are subscribed to and downlinks sent under it.</summary>
    public string ApplicationId { get; set; } = string.Empty;

    /// <summary>Minutes before an unanswered command is queued in ChirpStack again (a class A device hears downlinks only after it sends).</summary>
    public int DownlinkResendMinutes { get; set; } = 30;

    /// <summary>Seconds an incomplete fragmented message is kept waiting for its other fragments.</summary>
    public int FragmentTimeoutSeconds { get; set; } = 3600;

    /// <summary>
    /// The region of the network (IN865 in Kazakhstan; EU868, RU864, AS923), for a device ChirpStack has not yet
    /// named one for (each uplink names its region, and its data rate sizes the downlinks).
    /// </summary>
    public string Region { get; set; } = "IN865";

    /// <summary>AS923 only: the network enforces a 400 ms downlink dwell time (smaller downlinks at the low rates).</summary>
    public bool DwellTime400ms { get; set; }
}

public sealed class SouthboundOptions
{
    public SouthboundMode Mode { get; set; } = SouthboundMode.Embedded;

    public EmbeddedBrokerOptions Embedded { get; set; } = new();

    public ExternalBrokerOptions External { get; set; } = new();
}

public sealed class EmbeddedBrokerOptions
{
    /// <summary>Address the broker listens on (loopback by default; 0.0.0.0 for devices on the network).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>Whether the plain (unencrypted) port listens; off when every device connects with TLS.</summary>
    public bool Plaintext { get; set; } = true;

    public TlsOptions Tls { get; set; } = new();

    /// <summary>Connected clients at most; more are refused (server busy) until some leave.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>
    /// Connected clients from one source address at most (a street cabinet's router may carry a few hundred
    /// devices behind one address).
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 1_000;

    /// <summary>
    /// Failed logins from one source address in a minute before that address is refused without a password
    /// check; each further failure doubles the wait (up to an hour).
    /// </summary>
    public int FailedLoginsPerAddress { get; set; } = 20;

    /// <summary>
    /// The largest MQTT packet a logged-in client may send (header, topic and payload); a larger one closes its
    /// connection before it is read. The default fits the largest device message (a 4,096-byte JSON payload and
    /// its topic) twice over.
    /// </summary>
    public int MaxPacketBytes { get; set; } = 8192;
}

public sealed class TlsOptions
{
    public bool Enabled { get; set; }

    public int Port { get; set; } = 8883;

    /// <summary>
    /// PKCS#12 file with the broker's certificate and key; a relative path is in the state directory.
    /// <c>tls/server.p12</c> is made at the first start (with a local CA) when it is not there.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 1883;

    public bool Tls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Client id of the gateway's persistent session.</summary>
    public string ClientId { get; set; } = "edgedevices-gateway";
}

public sealed class StorageOptions
{
    /// <summary>Readings not delivered after this many days are dropped (and counted).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Most space the buffer may use; beyond it the oldest telemetry goes first, alarms last.</summary>
    public int QuotaMegabytes { get; set; } = 1024;

    /// <summary>
    /// Free space kept on the state directory's file system, whatever the quota: below it the oldest telemetry
    /// is dropped (never alarms) so that alarms and events still get in when the disk fills up first.
    /// </summary>
    public int MinFreeMegabytes { get; set; } = 64;

    /// <summary><c>full</c> (every commit reaches the disk: survives power loss) or <c>normal</c> (survives a crash of the gateway only).</summary>
    public string Synchronous { get; set; } = "full";

    /// <summary>Most messages in one commit.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long a commit waits to gather more messages, ms.</summary>
    public int MaxBatchDelayMs { get; set; } = 5;

    /// <summary>Raw bytes kept per quarantined payload.</summary>
    public int QuarantineMaxBytes { get; set; } = 4096;
}

public sealed class ValidationOptions
{
    /// <summary>A device clock further ahead than this is refused.</summary>
    public int MaxFutureSkewSeconds { get; set; } = 300;

    /// <summary>Readings older than this are refused.</summary>
    public int MaxAgeDays { get; set; } = 30;
}

public sealed class SinksOptions
{
    public MqttSinkOptions Mqtt { get; set; } = new();

    public NgsiLdSinkOptions NgsiLd { get; set; } = new();

    public NatsSinkOptions Nats { get; set; } = new();

    /// <summary>Most records per second a sink sends (a replay after an outage does not flood the platform).</summary>
    public int ReplayRatePerSecond { get; set; } = 2000;

    public int RetryFirstDelayMs { get; set; } = 1000;

    public int RetryMaxDelayMs { get; set; } = 60000;
}

public sealed class MqttSinkOptions
{
    public bool Enabled { get; set; }

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 1883;

    public bool Tls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string ClientId { get; set; } = "edgedevices-gateway";

    /// <summary>Messages go to <c>{topicPrefix}/{deviceId}/{channel}</c>.</summary>
    public string TopicPrefix { get; set; } = "city/edge";

    public int BatchSize { get; set; } = 200;
}

public sealed class NgsiLdSinkOptions
{
    public bool Enabled { get; set; }

    /// <summary>The context broker's base URL (…/ngsi-ld/v1/ is appended).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>NGSI-LD tenant, if the broker is multi-tenant.</summary>
    public string? Tenant { get; set; }

    /// <summary>
    /// The @contexts each entity names: the NGSI-LD core context and each Smart Data Models subject's own, so
    /// every attribute expands to the model's term. By default the models' contexts at the commits the tests
    /// check against (an address that never changes under the broker's cache); point them at copies the
    /// platform serves when its broker cannot reach GitHub.
    /// </summary>
    public NgsiLdContextOptions Contexts { get; set; } = new();

    /// <summary>No longer used (each entity names its own model's context, see <see cref="Contexts"/>); accepted so an older configuration still starts, with a warning.</summary>
    public string? ContextUrl { get; set; }

    public int BatchSize { get; set; } = 100;
}

public sealed class NgsiLdContextOptions
{
    public string Core { get; set; } = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    /// <summary>dataModel.Environment (AirQualityObserved).</summary>
    public string Environment { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/f0150e5c97f41e4c0881a0bcfa05d559058bdea1/context.jsonld";

    /// <summary>dataModel.Streetlighting (Streetlight).</summary>
    public string Streetlighting { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/1df857d46388d7129801bc0ccb19020d7321ce2a/context.jsonld";

    /// <summary>dataModel.Device (Device, SmartMeteringObservation).</summary>
    public string Device { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Device/96e38834eda502ed6a764e1fa7059a8c3561dcda/context.jsonld";

    /// <summary>dataModel.WaterConsumption (WaterConsumptionObserved).</summary>
    public string WaterConsumption { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/6cf56439fc34e046c8ecc52e7a778f16d9fbb632/context.jsonld";
}

public sealed class NatsSinkOptions
{
    public bool Enabled { get; set; }

    public string Url { get; set; } = "nats://127.0.0.1:4222";

    public string Stream { get; set; } = "EDGEDEVICES";

    /// <summary>Messages go to <c>{subjectPrefix}.{deviceId}.{channel}</c>.</summary>
    public string SubjectPrefix { get; set; } = "edge";

    /// <summary>Copies of the stream in a JetStream cluster (3 survives the loss of one node); 1 on a single server.</summary>
    public int Replicas { get; set; } = 1;

    public int BatchSize { get; set; } = 200;
}

public sealed class HttpOptions
{
    /// <summary>Where /healthz and /metrics listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The secret the REST API and the dashboard ask for (a bearer token, or the dashboard's login);
    /// required as soon as <see cref="Urls"/> listens beyond loopback. Null: no login on loopback.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Host names (or addresses) the gateway answers to beyond loopback, e.g. its name on the depot network;
    /// any when not set (the access token guards it then). On loopback only localhost, 127.0.0.1 and [::1].
    /// </summary>
    public IList<string>? AllowedHosts { get; set; }
}
