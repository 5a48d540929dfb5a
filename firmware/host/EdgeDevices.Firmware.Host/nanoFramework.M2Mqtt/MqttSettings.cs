namespace nanoFramework.M2Mqtt;

/// <summary>Stand-in for M2Mqtt's process-wide <c>MqttSettings</c>.</summary>
public class MqttSettings
{
    /// <summary>MQTT port.</summary>
    public const int BrokerDefaultPort = 1883;

    /// <summary>MQTT over TLS port.</summary>
    public const int BrokerDefaultSslPort = 8883;

    /// <summary>Default timeout, ms.</summary>
    public const int DefaultTimeout = 30000;

    /// <summary>Retries.</summary>
    public const int MaximumAttemptsRetry = 3;

    /// <summary>Delay between retries, ms.</summary>
    public const int DefaultDelayRetry = 1000;

    /// <summary>Connect timeout, ms.</summary>
    public const int ConnectTimeout = 30000;

    /// <summary>Default inflight queue size.</summary>
    public const int DefaultInflightQueueSize = int.MaxValue;

    private MqttSettings()
    {
        InflightQueueSize = DefaultInflightQueueSize;
        ValidateServerCertificate = true;
    }

    /// <summary>The singleton shared by every client.</summary>
    public static MqttSettings Instance { get; } = new();

    /// <summary>MQTT port.</summary>
    public int Port => BrokerDefaultPort;

    /// <summary>TLS port.</summary>
    public int SslPort => BrokerDefaultSslPort;

    /// <summary>Connect timeout, ms.</summary>
    public int TimeoutOnConnection => ConnectTimeout;

    /// <summary>Receive timeout, ms.</summary>
    public int TimeoutOnReceiving => DefaultTimeout;

    /// <summary>Retries.</summary>
    public int AttemptsOnRetry => MaximumAttemptsRetry;

    /// <summary>Delay between retries, ms.</summary>
    public int DelayOnRetry => DefaultDelayRetry;

    /// <summary>Most messages in flight per client.</summary>
    public int InflightQueueSize { get; set; }

    /// <summary>Whether TLS certificates are validated.</summary>
    public bool ValidateServerCertificate { get; set; }
}
