namespace EdgeDevices.Gateway.Configuration;

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
