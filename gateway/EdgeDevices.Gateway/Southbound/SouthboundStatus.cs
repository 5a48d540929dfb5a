namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Whether device traffic can reach the gateway: the embedded broker is listening, or the gateway holds its
/// subscriptions on the external broker. Shown on /healthz; tests wait on it before devices publish.
/// </summary>
public sealed class SouthboundStatus
{
    private volatile TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether device traffic is being received now.</summary>
    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Completes when device traffic is being received.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>The broker listens, or the subscriptions are in place.</summary>
    public void Ready() => _ready.TrySetResult();

    /// <summary>The connection to the external broker is lost.</summary>
    public void Lost()
    {
        if (_ready.Task.IsCompleted)
        {
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
