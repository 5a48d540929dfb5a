using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Health
{
    /// <summary>
    /// A watchdog in software, because nanoFramework on ESP32 has no managed hardware watchdog (the HAL's
    /// is a no-op and the IDF task watchdog is off in its builds). Each watched thread registers and feeds
    /// it on every pass of its loop; a thread of its own checks them, and when one has not fed it for the
    /// timeout it bites once (the device then restarts).
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        private const int MaxWatched = 8;

        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly int _timeoutMs;
        private readonly IWatchdogAction _action;
        private readonly string[] _names = new string[MaxWatched];
        private readonly long[] _fedAt = new long[MaxWatched];
        private int _count;
        private bool _started;

        /// <summary>A watchdog that bites after <paramref name="timeoutSeconds"/> without food.</summary>
        public SoftwareWatchdog(IClock clock, int timeoutSeconds, IWatchdogAction action)
        {
            _clock = clock;
            _timeoutMs = timeoutSeconds * 1000;
            _action = action;
        }

        /// <summary>Timeout, ms.</summary>
        public int TimeoutMilliseconds
        {
            get { return _timeoutMs; }
        }

        /// <summary>Watches a thread from now on; returns the handle it feeds with.</summary>
        public int Register(string name)
        {
            lock (_sync)
            {
                _names[_count] = name;
                _fedAt[_count] = _clock.UptimeMilliseconds;
                _count++;
                return _count - 1;
            }
        }

        /// <summary>The thread behind <paramref name="handle"/> is alive.</summary>
        public void Feed(int handle)
        {
            lock (_sync)
            {
                _fedAt[handle] = _clock.UptimeMilliseconds;
            }
        }

        /// <summary>Starts checking.</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_started)
                {
                    return;
                }

                _started = true;
            }

            _clock.StartThread(Run);
        }

        private void Run()
        {
            int period = _timeoutMs / 4;
            while (true)
            {
                _clock.Sleep(period);
                string stuck = null;
                long stuckFor = 0;
                lock (_sync)
                {
                    long now = _clock.UptimeMilliseconds;
                    for (int i = 0; i < _count; i++)
                    {
                        if (now - _fedAt[i] > _timeoutMs)
                        {
                            stuck = _names[i];
                            stuckFor = now - _fedAt[i];
                            break;
                        }
                    }
                }

                if (stuck != null)
                {
                    _action.Bite(stuck, (int)(stuckFor / 1000));
                    return;
                }
            }
        }
    }
}
