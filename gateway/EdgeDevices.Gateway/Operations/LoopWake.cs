namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// How a background loop waits between passes: until something signals it, or until a delay has passed on the
/// gateway's clock (the injected <see cref="TimeProvider"/>, so a test on a virtual clock drives the loop by
/// advancing time instead of sleeping). Tests see whether the loop is waiting.
/// </summary>
public sealed class LoopWake(TimeProvider time)
{
    private readonly SemaphoreSlim _signal = new(0);
    private int _waiting;

    /// <summary>Whether the loop is between passes.</summary>
    public bool IsWaiting => Volatile.Read(ref _waiting) == 1;

    /// <summary>Wakes the loop now (or at once when it next waits).</summary>
    public void Signal() => _signal.Release();

    /// <summary>Returns on a signal or once <paramref name="delay"/> has passed on the gateway's clock.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // The wait that loses the race is cancelled, so it does not take a later signal with it.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signal.WaitAsync(waiting.Token);
        var elapsed = Task.Delay(delay, time, waiting.Token);
        Volatile.Write(ref _waiting, 1);
        try
        {
            await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _waiting, 0);
            await waiting.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(signalled, elapsed).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
