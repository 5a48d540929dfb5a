namespace EdgeDevices.Gateway.Configuration;

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
