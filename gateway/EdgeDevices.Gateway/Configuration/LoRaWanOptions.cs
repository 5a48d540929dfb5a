namespace EdgeDevices.Gateway.Configuration;

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
