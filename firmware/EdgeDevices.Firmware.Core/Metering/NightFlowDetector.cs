namespace EdgeDevices.Firmware.Metering
{
    /// <summary>
    /// Minimum-night-flow leak detection: the night window (02:00–05:00 local by default) is cut into
    /// buckets; if water flowed in every bucket of a night, something is running that nobody uses at that
    /// hour. The flag is raised at the end of such a night and cleared at the end of a night with at
    /// least one still bucket. The window must not cross midnight.
    /// </summary>
    public sealed class NightFlowDetector
    {
        private const long SecondsPerDay = 86400;

        private readonly MeterChannelSettings _settings;
        private readonly long _offsetSeconds;
        private readonly bool[] _bucketHasFlow;
        private long _nightDay = long.MinValue;
        private long _judgedDay = long.MinValue;
        private long _windowFlowMilli;

        /// <summary>A detector for a channel; <paramref name="utcOffsetMinutes"/> gives local time.</summary>
        public NightFlowDetector(MeterChannelSettings settings, int utcOffsetMinutes)
        {
            _settings = settings;
            _offsetSeconds = utcOffsetMinutes * 60L;
            int length = WindowLength();
            int buckets = (length + settings.NightBucketMinutes - 1) / settings.NightBucketMinutes;
            _bucketHasFlow = new bool[buckets < 1 ? 1 : buckets];
        }

        /// <summary>Whether a leak is flagged.</summary>
        public bool Leak { get; private set; }

        /// <summary>Set by the <see cref="Evaluate"/> call that raised the flag.</summary>
        public bool Raised { get; private set; }

        /// <summary>Set by the <see cref="Evaluate"/> call that cleared the flag.</summary>
        public bool Cleared { get; private set; }

        /// <summary>Mean flow over the last judged night window, thousandths of a unit per hour (the evidence).</summary>
        public long NightFlowMilliPerHour { get; private set; }

        /// <summary>Records flow at a Unix time (ignored outside the window or without a valid clock).</summary>
        public void OnFlow(long unixSeconds, long milliUnits)
        {
            if (unixSeconds <= 0)
            {
                return;
            }

            long local = unixSeconds + _offsetSeconds;
            long day;
            int bucket = BucketOf(local, out day);
            if (bucket < 0)
            {
                return;
            }

            if (day != _nightDay)
            {
                StartNight(day);
            }

            _bucketHasFlow[bucket] = true;
            _windowFlowMilli += milliUnits;
        }

        /// <summary>Judges the night once its window has ended; call periodically with the current time.</summary>
        public void Evaluate(long unixSeconds)
        {
            Raised = false;
            Cleared = false;
            if (unixSeconds <= 0)
            {
                return;
            }

            long local = unixSeconds + _offsetSeconds;
            long day = FloorDiv(local, SecondsPerDay);
            long minute = (local - day * SecondsPerDay) / 60;
            if (minute < _settings.NightWindowEndMinute && _settings.NightWindowEndMinute > _settings.NightWindowStartMinute)
            {
                day--; // tonight's window has not ended yet: judge the previous one
            }

            if (day <= _nightDay - 1 || _judgedDay == day)
            {
                return;
            }

            _judgedDay = day;
            bool allBuckets = _nightDay == day;
            for (int i = 0; allBuckets && i < _bucketHasFlow.Length; i++)
            {
                allBuckets = _bucketHasFlow[i];
            }

            NightFlowMilliPerHour = _nightDay == day ? _windowFlowMilli * 60 / WindowLength() : 0;
            if (allBuckets && !Leak)
            {
                Leak = true;
                Raised = true;
            }
            else if (!allBuckets && Leak)
            {
                Leak = false;
                Cleared = true;
            }
        }

        private void StartNight(long day)
        {
            _nightDay = day;
            _windowFlowMilli = 0;
            for (int i = 0; i < _bucketHasFlow.Length; i++)
            {
                _bucketHasFlow[i] = false;
            }
        }

        // Bucket index of a local time within its day's window, or -1 outside it.
        private int BucketOf(long local, out long day)
        {
            day = FloorDiv(local, SecondsPerDay);
            long minute = (local - day * SecondsPerDay) / 60;
            if (minute < _settings.NightWindowStartMinute || minute >= _settings.NightWindowEndMinute)
            {
                return -1;
            }

            return (int)((minute - _settings.NightWindowStartMinute) / _settings.NightBucketMinutes);
        }

        private int WindowLength()
        {
            int length = _settings.NightWindowEndMinute - _settings.NightWindowStartMinute;
            return length < 1 ? 1 : length;
        }

        private static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
        }
    }
}
