namespace EdgeDevices.Gateway.Updates;

/// <summary>A rollout of one bundle version to a set of devices, in waves (wave 0 is the canary).</summary>
public sealed record Rollout(
    long Id,
    string App,
    string Version,
    string Manifest,
    string State,
    int CanaryPercent,
    int WaveSize,
    int FailureThresholdPercent,
    int Wave,
    long? WaveStartedAt,
    long CreatedAt,
    long? FinishedAt,
    string? StopReason)
{
    /// <summary>Waves are being sent.</summary>
    public const string Running = "running";

    /// <summary>Every wave went out and finished under the failure threshold.</summary>
    public const string Completed = "completed";

    /// <summary>Stopped: failures passed the threshold, or an operator stopped it.</summary>
    public const string Stopped = "stopped";
}

/// <summary>One device of a rollout: its wave, where its update stands and why.</summary>
public sealed record RolloutDevice(long RolloutId, string DeviceId, int Wave, string Status, string? Reason, long? CommandRow, long UpdatedAt)
{
    /// <summary>Its wave has not been sent yet.</summary>
    public const string Pending = "pending";

    /// <summary>The update command is queued or sent; no answer yet.</summary>
    public const string Sent = "sent";

    /// <summary>Downloading the bundle.</summary>
    public const string Downloading = "downloading";

    /// <summary>Downloaded and checked; restarting into it.</summary>
    public const string Staged = "staged";

    /// <summary>Running it on trial.</summary>
    public const string Trial = "trial";

    /// <summary>Running it, healthy: done.</summary>
    public const string Healthy = "healthy";

    /// <summary>Ran this version (or a newer one) already: done, nothing changed.</summary>
    public const string Current = "current";

    /// <summary>Refused it, rolled it back, or never answered: a failure.</summary>
    public const string Failed = "failed";

    /// <summary>Cannot take updates (a LoRaWAN device): not counted either way.</summary>
    public const string Skipped = "skipped";

    /// <summary>Not sent because the rollout stopped.</summary>
    public const string NotSent = "notSent";

    /// <summary>Whether the device's part is over.</summary>
    public bool IsFinal => Status is Healthy or Current or Failed or Skipped or NotSent;

    /// <summary>Whether the device is between the command and the end of its trial (it may fetch chunks).</summary>
    public bool IsUnderway => Status is Sent or Downloading or Staged or Trial;
}
