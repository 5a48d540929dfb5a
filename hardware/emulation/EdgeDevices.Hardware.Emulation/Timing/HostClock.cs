namespace EdgeDevices.Hardware.Emulation.Timing;

/// <summary>Real time for emulated devices (the fleet runner): the host's clock, background threads.</summary>
public sealed class HostClock : IWorldClock
{
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;

    /// <inheritdoc />
    public long UptimeMilliseconds => (long)System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    /// <inheritdoc />
    public void Sleep(int milliseconds) => Thread.Sleep(Math.Max(0, milliseconds));

    /// <inheritdoc />
    public bool WaitFor(ManualResetEvent signal, int milliseconds) => signal.WaitOne(milliseconds);

    /// <inheritdoc />
    public int WaitForAny(ManualResetEvent[] signals, int milliseconds)
    {
        var index = WaitHandle.WaitAny(signals, milliseconds);
        return index == WaitHandle.WaitTimeout ? -1 : index;
    }

    /// <inheritdoc />
    public void StartThread(ThreadStart work) => new Thread(work, VirtualClock.ThreadStackBytes) { IsBackground = true }.Start();

    /// <inheritdoc />
    public IDisposable HoldTime() => NoHold.Instance;

    private sealed class NoHold : IDisposable
    {
        public static readonly NoHold Instance = new();

        public void Dispose()
        {
        }
    }
}
