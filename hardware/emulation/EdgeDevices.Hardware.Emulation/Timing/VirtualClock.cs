using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Hardware.Emulation.Timing;

/// <summary>
/// A clock that moves only when told to. Threads that sleep or wait on it block until
/// <see cref="Advance"/> carries time past their wake-up (or, for a wait, until one of its events is
/// set), so firmware written against <see cref="IClock"/> runs unchanged under a test that compresses
/// hours into seconds. Threads started through <see cref="StartThread"/> are counted (and are background
/// threads, so a sleeping device never keeps a process alive), and <see cref="RunFor"/> advances time
/// only when all of them are waiting on the clock: a thread busy with real work (network I/O, say) holds
/// virtual time still until it waits again. A waiter whose event another thread has set is about to run,
/// so time does not move then either; manual-reset events make that check race-free.
/// </summary>
public sealed class VirtualClock : IWorldClock
{
    private readonly object _sync = new();
    private readonly List<Sleeper> _sleepers = [];
    private readonly AutoResetEvent _changed = new(false);
    private long _wallTicksAtBoot;
    private long _uptime;
    private int _threads;
    private int _waiting;
    private int _holds;

    /// <summary>
    /// Stack reserved for each emulated firmware thread: ESP32 firmware threads are small, and a fleet of a
    /// thousand devices runs thousands of them in one process.
    /// </summary>
    public const int ThreadStackBytes = 256 * 1024;

    /// <summary>A clock reading <paramref name="startUtc"/> at uptime 0.</summary>
    public VirtualClock(DateTime startUtc) => _wallTicksAtBoot = startUtc.Ticks;

    /// <inheritdoc />
    public DateTime UtcNow
    {
        get
        {
            lock (_sync)
            {
                return new DateTime(_wallTicksAtBoot + _uptime * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            }
        }
    }

    /// <inheritdoc />
    public long UptimeMilliseconds
    {
        get
        {
            lock (_sync)
            {
                return _uptime;
            }
        }
    }

    /// <summary>Threads currently waiting on the clock.</summary>
    public int SleepingThreads
    {
        get
        {
            lock (_sync)
            {
                return _sleepers.Count;
            }
        }
    }

    /// <summary>Threads started through <see cref="StartThread"/> and still running.</summary>
    public int RunningThreads
    {
        get
        {
            lock (_sync)
            {
                return _threads;
            }
        }
    }

    /// <summary>Uptime at which the earliest sleeper wakes, or -1 when none sleeps.</summary>
    public long NextWakeUptime
    {
        get
        {
            lock (_sync)
            {
                return EarliestWake();
            }
        }
    }

    /// <summary>Sets the wall clock (as SNTP would) without moving uptime.</summary>
    public void SetUtc(DateTime utc)
    {
        lock (_sync)
        {
            _wallTicksAtBoot = utc.Ticks - _uptime * TimeSpan.TicksPerMillisecond;
        }
    }

    /// <summary>Moves time forward and wakes every sleeper whose time has come.</summary>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        lock (_sync)
        {
            _uptime += milliseconds;
            for (var i = _sleepers.Count - 1; i >= 0; i--)
            {
                var s = _sleepers[i];
                if (s.WakeAt <= _uptime)
                {
                    _sleepers.RemoveAt(i);
                    _waiting--;
                    s.Wake.Set();
                }
            }
        }
    }

    /// <summary>
    /// Runs the counted threads for <paramref name="milliseconds"/> of virtual time: repeatedly waits (in
    /// real time, up to <paramref name="realTimeoutMilliseconds"/> per step) until every counted thread is
    /// waiting on the clock, then advances to the next wake-up. False when the threads did not all come to
    /// wait in time (a thread busy or blocked outside the clock).
    /// </summary>
    public bool RunFor(long milliseconds, int realTimeoutMilliseconds)
    {
        long target;
        lock (_sync)
        {
            target = _uptime + milliseconds;
        }

        while (true)
        {
            long next;
            lock (_sync)
            {
                if (!WaitQuiet(realTimeoutMilliseconds))
                {
                    return false;
                }

                if (_uptime >= target)
                {
                    return true;
                }

                var wake = EarliestWake();
                next = wake < 0 || wake > target ? target : wake;
            }

            Advance(next - UptimeMilliseconds);
        }
    }

    /// <summary>Waits until every counted thread is waiting on the clock and no hold is open; false on a real-time timeout.</summary>
    public bool WaitUntilAllWaiting(int realTimeoutMilliseconds)
    {
        lock (_sync)
        {
            return WaitQuiet(realTimeoutMilliseconds);
        }
    }

    /// <inheritdoc />
    public void Sleep(int milliseconds)
    {
        if (milliseconds > 0)
        {
            Enqueue(milliseconds, []).Wake.WaitOne();
        }
    }

    /// <inheritdoc />
    public bool WaitFor(ManualResetEvent signal, int milliseconds) => WaitForAny([signal], milliseconds) == 0;

    /// <inheritdoc />
    public int WaitForAny(ManualResetEvent[] signals, int milliseconds)
    {
        for (var i = 0; i < signals.Length; i++)
        {
            if (signals[i].WaitOne(0))
            {
                return i;
            }
        }

        var sleeper = Enqueue(milliseconds < 0 ? long.MaxValue / 4 : milliseconds, signals);
        var handles = new WaitHandle[signals.Length + 1];
        handles[0] = sleeper.Wake;
        Array.Copy(signals, 0, handles, 1, signals.Length);
        var index = WaitHandle.WaitAny(handles);
        if (index == 0)
        {
            return -1;
        }

        lock (_sync)
        {
            if (_sleepers.Remove(sleeper))
            {
                _waiting--;
            }
        }

        return index - 1;
    }

    /// <inheritdoc />
    public void StartThread(ThreadStart work)
    {
        lock (_sync)
        {
            _threads++;
        }

        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            finally
            {
                lock (_sync)
                {
                    _threads--;
                    _changed.Set();
                }
            }
        }, ThreadStackBytes)
        { IsBackground = true };
        thread.Start();
    }

    /// <inheritdoc />
    public IDisposable HoldTime()
    {
        lock (_sync)
        {
            _holds++;
        }

        return new Hold(this);
    }

    private void Release()
    {
        lock (_sync)
        {
            _holds--;
            _changed.Set();
        }
    }

    private Sleeper Enqueue(long milliseconds, ManualResetEvent[] signals)
    {
        var sleeper = new Sleeper(signals);
        lock (_sync)
        {
            sleeper.WakeAt = _uptime + milliseconds;
            _sleepers.Add(sleeper);
            _waiting++;
            _changed.Set();
        }

        return sleeper;
    }

    // Caller holds _sync. Woken whenever a thread starts waiting or ends.
    private bool WaitQuiet(int realTimeoutMilliseconds)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(realTimeoutMilliseconds);
        while (_waiting < _threads || _holds > 0 || AnySignalled())
        {
            var left = (long)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0)
            {
                return false;
            }

            Monitor.Exit(_sync);
            _changed.WaitOne((int)Math.Min(left, 50));
            Monitor.Enter(_sync);
        }

        return true;
    }

    // Caller holds _sync. Peeking a manual-reset event does not consume it.
    private bool AnySignalled()
    {
        foreach (var sleeper in _sleepers)
        {
            foreach (var signal in sleeper.Signals)
            {
                if (signal.WaitOne(0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Caller holds _sync.
    private long EarliestWake()
    {
        var earliest = -1L;
        foreach (var s in _sleepers)
        {
            if (earliest < 0 || s.WakeAt < earliest)
            {
                earliest = s.WakeAt;
            }
        }

        return earliest;
    }

    private sealed class Hold(VirtualClock clock) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                clock.Release();
            }
        }
    }

    private sealed class Sleeper(ManualResetEvent[] signals)
    {
        public readonly ManualResetEvent Wake = new(false);
        public readonly ManualResetEvent[] Signals = signals;
        public long WakeAt;
    }
}
