namespace EdgeDevices.Firmware.Metering
{
    /// <summary>
    /// Counts S0 pulses (DIN 43864 / IEC 62053-31: at least 30 ms long) from the raw input's edges with an
    /// integrating debouncer: time spent at the active level adds to an integral, time at the inactive
    /// level subtracts, and the integral is held between 0 and the filter time. The debounced level turns
    /// active when the integral reaches the filter time and inactive when it falls to zero, so contact
    /// bounce at either edge and a short dropout in the middle of a pulse are ignored, while a noise spike
    /// shorter than the filter never counts. A pulse counts once, when it turns active. The integral is
    /// brought up to date at each edge and at <see cref="Poll"/>. The filter must be shorter than the
    /// shortest real pulse (20 ms against S0's 30 ms by default).
    /// </summary>
    public sealed class S0PulseDebouncer
    {
        private readonly int _filterMs;
        private readonly bool _activeLevel;
        private bool _raw;
        private bool _stableActive;
        private long _integral;
        private long _lastUpdate = -1;
        private bool _moving;

        /// <summary>
        /// A debouncer with a filter of <paramref name="filterMs"/>; <paramref name="activeLow"/> when the
        /// S0 output pulls the input low while conducting (the usual wiring with a pull-up).
        /// </summary>
        public S0PulseDebouncer(int filterMs, bool activeLow)
        {
            _filterMs = filterMs;
            _activeLevel = !activeLow;
            _raw = activeLow;
        }

        /// <summary>Pulses counted since creation.</summary>
        public long Pulses { get; private set; }

        /// <summary>Departures from the debounced level that did not last (bounce, dropouts, spikes).</summary>
        public long GlitchesIgnored { get; private set; }

        /// <summary>The raw input changed to <paramref name="level"/> at <paramref name="nowMs"/>; returns pulses counted now (0 or 1).</summary>
        public int OnEdge(long nowMs, bool level)
        {
            int counted = Integrate(nowMs);
            if (level == _raw)
            {
                return counted;
            }

            _raw = level;
            bool towardsStable = (level == _activeLevel) == _stableActive;
            if (towardsStable && _moving)
            {
                // Back to the debounced level before the change was accepted.
                GlitchesIgnored++;
                _moving = false;
            }
            else if (!towardsStable)
            {
                _moving = true;
            }

            return counted;
        }

        /// <summary>Brings the integral up to date with no new edge; returns pulses counted now.</summary>
        public int Poll(long nowMs)
        {
            return Integrate(nowMs);
        }

        private int Integrate(long nowMs)
        {
            long elapsed = _lastUpdate < 0 ? 0 : nowMs - _lastUpdate;
            _lastUpdate = nowMs;
            if (elapsed <= 0)
            {
                return 0;
            }

            if (_raw == _activeLevel)
            {
                _integral += elapsed;
                if (_integral >= _filterMs)
                {
                    _integral = _filterMs;
                    if (!_stableActive)
                    {
                        _stableActive = true;
                        _moving = false;
                        Pulses++;
                        return 1;
                    }
                }
            }
            else
            {
                _integral -= elapsed;
                if (_integral <= 0)
                {
                    _integral = 0;
                    if (_stableActive)
                    {
                        _stableActive = false;
                        _moving = false;
                    }
                }
            }

            return 0;
        }
    }
}
