using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Firmware.Host.Tests.Bmxx80;

/// <summary>
/// A clock for one test thread driving one driver: a sleep moves time forward at once, so a driver's
/// conversion waits (a BME680's 150 ms of heating, 1,170 times) cost nothing. Threads it starts block for ever
/// (the board's idle firmware), as nothing in such a test runs beside the caller.
/// </summary>
internal sealed class SteppingClock(DateTime startUtc) : IWorldClock
{
    private long _uptime;

    public DateTime UtcNow => startUtc.AddMilliseconds(Interlocked.Read(ref _uptime));

    public long UptimeMilliseconds => Interlocked.Read(ref _uptime);

    public void Sleep(int milliseconds) => Interlocked.Add(ref _uptime, Math.Max(0, milliseconds));

    public bool WaitFor(ManualResetEvent signal, int milliseconds)
    {
        if (signal.WaitOne(0))
        {
            return true;
        }

        Sleep(milliseconds);
        return false;
    }

    public int WaitForAny(ManualResetEvent[] signals, int milliseconds)
    {
        for (var i = 0; i < signals.Length; i++)
        {
            if (signals[i].WaitOne(0))
            {
                return i;
            }
        }

        Sleep(milliseconds);
        return -1;
    }

    public void StartThread(ThreadStart work) => new Thread(work) { IsBackground = true }.Start();

    public IDisposable HoldTime() => new NoHold();

    private sealed class NoHold : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
