namespace EdgeDevices.Gateway.Configuration;

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
