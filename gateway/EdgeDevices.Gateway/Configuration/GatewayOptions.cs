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
