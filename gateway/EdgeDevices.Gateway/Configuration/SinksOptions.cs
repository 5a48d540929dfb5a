namespace EdgeDevices.Gateway.Configuration;

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
