using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Hardware.Emulation.World;

/// <summary>
/// Runs the timed behaviour of every emulated part in a world (a PMS5003's frame each second, an S0
/// meter's pulse edges, a chip finishing its conversion) on one thread that sleeps on the world clock until
/// the next item is due. One thread for the whole world keeps a thousand-device fleet cheap, and under a
/// virtual clock each item runs at exactly its virtual time. Items due at the same time run in the order
/// they were scheduled.
/// </summary>
public sealed class PartScheduler
{
    private readonly object _sync = new();
    private readonly IWorldClock _clock;
    private readonly PriorityQueue<Action, (long Due, long Order)> _queue = new();
    private readonly ManualResetEvent _changed = new(false);
    private readonly List<Exception> _errors = [];
    private long _order;
    private bool _started;

    /// <summary>A scheduler on <paramref name="clock"/>; its thread starts with the first item.</summary>
    public PartScheduler(IWorldClock clock) => _clock = clock;

    /// <summary>Exceptions thrown by scheduled items (an emulation bug, never a firmware one).</summary>
    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (_sync)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> at world uptime <paramref name="uptimeMilliseconds"/> (now, if that has passed).</summary>
    public void At(long uptimeMilliseconds, Action action)
    {
        lock (_sync)
        {
            _queue.Enqueue(action, (uptimeMilliseconds, _order++));
            _changed.Set();
            if (!_started)
            {
                _started = true;
                _clock.StartThread(Run);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delayMilliseconds"/>.</summary>
    public void After(long delayMilliseconds, Action action) => At(_clock.UptimeMilliseconds + Math.Max(0, delayMilliseconds), action);

    /// <summary>
    /// Runs <paramref name="action"/> every <paramref name="periodMilliseconds"/> (first after
    /// <paramref name="firstDelayMilliseconds"/>) until the returned handle is disposed. Periods do not drift:
    /// each run is scheduled from the previous due time, not from when it ran.
    /// </summary>
    public IDisposable Every(long periodMilliseconds, long firstDelayMilliseconds, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMilliseconds, 1);
        var repeat = new Repeat(this, periodMilliseconds, action);
        repeat.ScheduleAt(_clock.UptimeMilliseconds + Math.Max(0, firstDelayMilliseconds));
        return repeat;
    }

    private void Run()
    {
        while (true)
        {
            Action? due = null;
            long wait;
            lock (_sync)
            {
                _changed.Reset();
                if (_queue.TryPeek(out var action, out var key))
                {
                    wait = key.Due - _clock.UptimeMilliseconds;
                    if (wait <= 0)
                    {
                        _queue.Dequeue();
                        due = action;
                    }
                }
                else
                {
                    wait = -1;
                }
            }

            if (due != null)
            {
                try
                {
                    due();
                }
                catch (Exception ex)
                {
                    lock (_sync)
                    {
                        _errors.Add(ex);
                    }
                }

                continue;
            }

            _clock.WaitForAny([_changed], wait < 0 ? -1 : (int)Math.Min(wait, int.MaxValue));
        }
    }

    private sealed class Repeat(PartScheduler scheduler, long period, Action action) : IDisposable
    {
        private volatile bool _stopped;

        public void ScheduleAt(long due) => scheduler.At(due, () =>
        {
            if (_stopped)
            {
                return;
            }

            ScheduleAt(due + period);
            action();
        });

        public void Dispose() => _stopped = true;
    }
}
