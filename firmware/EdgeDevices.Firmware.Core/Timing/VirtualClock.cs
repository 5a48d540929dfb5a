using System;
using System.Collections;
using System.Threading;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>
    /// A clock that moves only when told to. Threads that sleep or wait on it block until
    /// <see cref="Advance"/> carries time past their wake-up (or, for a wait, until its handle is
    /// signalled), so firmware written against <see cref="IClock"/> runs unchanged under a test that
    /// compresses hours into seconds. Threads started through <see cref="StartThread"/> are counted, and
    /// <see cref="RunFor"/> advances time only when all of them are waiting on the clock: a thread busy
    /// with real work (network I/O, say) holds virtual time still until it waits again.
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        private readonly object _sync = new object();
        private readonly ArrayList _sleepers = new ArrayList();
        private readonly AutoResetEvent _changed = new AutoResetEvent(false);
        private long _wallTicksAtBoot;
        private long _uptime;
        private int _threads;
        private int _waiting;

        /// <summary>A clock reading <paramref name="startUtc"/> at uptime 0.</summary>
        public VirtualClock(DateTime startUtc)
        {
            _wallTicksAtBoot = startUtc.Ticks;
        }

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

        /// <summary>Threads currently waiting on the clock (sleeping or in <see cref="WaitFor"/>).</summary>
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
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds", "time does not go backwards");
            }

            lock (_sync)
            {
                _uptime += milliseconds;
                for (int i = _sleepers.Count - 1; i >= 0; i--)
                {
                    Sleeper s = (Sleeper)_sleepers[i];
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
        /// Runs the counted threads for <paramref name="milliseconds"/> of virtual time: repeatedly waits
        /// (in real time, up to <paramref name="realTimeoutMilliseconds"/> per step) until every counted
        /// thread is waiting on the clock, then advances to the next wake-up. False when the threads did not
        /// all come to wait in time (a thread busy or blocked outside the clock).
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

                    long wake = EarliestWake();
                    next = wake < 0 || wake > target ? target : wake;
                }

                Advance(next - UptimeMilliseconds);
            }
        }

        /// <summary>Waits until every counted thread is waiting on the clock; false on a real-time timeout.</summary>
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
            if (milliseconds <= 0)
            {
                return;
            }

            Sleeper sleeper = Enqueue(milliseconds, null);
            sleeper.Wake.WaitOne();
        }

        /// <inheritdoc />
        public bool WaitFor(ManualResetEvent signal, int milliseconds)
        {
            WaitHandle handle = signal;
            if (handle.WaitOne(0, false))
            {
                return true;
            }

            Sleeper sleeper = Enqueue(milliseconds < 0 ? long.MaxValue / 4 : milliseconds, handle);
            int index = WaitHandle.WaitAny(new WaitHandle[] { sleeper.Wake, handle });
            if (index == 1)
            {
                lock (_sync)
                {
                    if (_sleepers.Contains(sleeper))
                    {
                        _sleepers.Remove(sleeper);
                        _waiting--;
                    }
                }

                return true;
            }

            return false;
        }

        /// <inheritdoc />
        public void StartThread(ThreadStart work)
        {
            lock (_sync)
            {
                _threads++;
            }

            Thread thread = new Thread(new Runner(this, work).Run);
            thread.Start();
        }

        private Sleeper Enqueue(long milliseconds, WaitHandle handle)
        {
            Sleeper sleeper = new Sleeper();
            sleeper.Handle = handle;
            lock (_sync)
            {
                sleeper.WakeAt = _uptime + milliseconds;
                _sleepers.Add(sleeper);
                _waiting++;
                _changed.Set();
            }

            return sleeper;
        }

        private void ThreadEnded()
        {
            lock (_sync)
            {
                _threads--;
                _changed.Set();
            }
        }

        // Caller holds _sync. Woken whenever a thread starts waiting or ends (nanoFramework's Monitor has
        // no Wait/Pulse, so an event stands in). A waiter whose handle another thread has already signalled
        // is about to run, so time must not move yet.
        private bool WaitQuiet(int realTimeoutMilliseconds)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(realTimeoutMilliseconds);
            while (_waiting < _threads || AnyHandleSignalled())
            {
                long left = (deadline - DateTime.UtcNow).Ticks / TimeSpan.TicksPerMillisecond;
                if (left <= 0)
                {
                    return false;
                }

                Monitor.Exit(_sync);
                _changed.WaitOne((int)(left > 50 ? 50 : left), false);
                Monitor.Enter(_sync);
            }

            return true;
        }

        // Caller holds _sync. Peeking a manual-reset event does not consume it.
        private bool AnyHandleSignalled()
        {
            for (int i = 0; i < _sleepers.Count; i++)
            {
                WaitHandle handle = ((Sleeper)_sleepers[i]).Handle;
                if (handle != null && handle.WaitOne(0, false))
                {
                    return true;
                }
            }

            return false;
        }

        // Caller holds _sync.
        private long EarliestWake()
        {
            long earliest = -1;
            for (int i = 0; i < _sleepers.Count; i++)
            {
                Sleeper s = (Sleeper)_sleepers[i];
                if (earliest < 0 || s.WakeAt < earliest)
                {
                    earliest = s.WakeAt;
                }
            }

            return earliest;
        }

        private sealed class Sleeper
        {
            public readonly ManualResetEvent Wake = new ManualResetEvent(false);
            public long WakeAt;
            public WaitHandle Handle;
        }

        private sealed class Runner
        {
            private readonly VirtualClock _clock;
            private readonly ThreadStart _work;

            public Runner(VirtualClock clock, ThreadStart work)
            {
                _clock = clock;
                _work = work;
            }

            public void Run()
            {
                try
                {
                    _work();
                }
                finally
                {
                    _clock.ThreadEnded();
                }
            }
        }
    }
}
