namespace EdgeDevices.Gateway.Configuration;

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
