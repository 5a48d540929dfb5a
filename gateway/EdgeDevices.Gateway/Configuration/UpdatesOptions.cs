namespace EdgeDevices.Gateway.Configuration;

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
