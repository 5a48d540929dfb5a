namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// Whether the ingest pipeline is alive: its writer proves it can commit at least every few seconds, with
/// traffic or with a probe. systemd's watchdog is fed only while it is; a platform outage does not count
/// against it (the buffer is there to ride those out).
/// </summary>
public sealed class PipelineHealth(TimeProvider time)
{
    /// <summary>How stale the last proof may be.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromSeconds(10);

    private long _lastBeat = time.GetTimestamp();
    private volatile string? _problem;

    /// <summary>Why the pipeline is unhealthy, if it said.</summary>
    public string? Problem => _problem;

    /// <summary>Whether the pipeline committed (or proved it could) recently.</summary>
    public bool IsHealthy => _problem == null && time.GetElapsedTime(Interlocked.Read(ref _lastBeat)) < MaxSilence;

    /// <summary>The pipeline can commit.</summary>
    public void Beat()
    {
        Interlocked.Exchange(ref _lastBeat, time.GetTimestamp());
        _problem = null;
    }

    /// <summary>The pipeline cannot commit.</summary>
    public void Fail(string problem) => _problem = problem;
}
