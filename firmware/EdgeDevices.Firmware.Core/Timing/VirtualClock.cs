using System;
using System.Collections;
using System.Threading;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>
    /// A clock that moves only when told to. Threads that call <see cref="Sleep"/> block until
    /// <see cref="Advance"/> carries time past their wake-up, so firmware threads written against
    /// <see cref="IClock"/> run unchanged under a test that compresses hours into seconds.
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        private readonly object _sync = new object();
        private readonly ArrayList _sleepers = new ArrayList();
        private long _wallTicksAtBoot;
        private long _uptime;

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

        /// <summary>Threads currently blocked in <see cref="Sleep"/>.</summary>
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

        /// <summary>Uptime at which the earliest sleeper wakes, or -1 when none sleeps.</summary>
        public long NextWakeUptime
        {
            get
            {
                lock (_sync)
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
                        s.Wake.Set();
                    }
                }
            }
        }

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            if (milliseconds <= 0)
            {
                return;
            }

            Sleeper sleeper = new Sleeper();
            lock (_sync)
            {
                sleeper.WakeAt = _uptime + milliseconds;
                _sleepers.Add(sleeper);
            }

            sleeper.Wake.WaitOne();
        }

        private sealed class Sleeper
        {
            public readonly ManualResetEvent Wake = new ManualResetEvent(false);
            public long WakeAt;
        }
    }
}
