namespace EdgeDevices.Firmware.Metering
{
    /// <summary>
    /// Tamper: a magnet held to the meter (a reed input on the node), or pulses arriving faster than the
    /// meter can produce them (the S0 line driven from outside). Pulses only record evidence; the periodic
    /// <see cref="Update"/> decides, so <see cref="Raised"/> and <see cref="Cleared"/> describe exactly one
    /// update. Raised when the magnet has been present for <see cref="MagnetSeconds"/> or after several
    /// too-fast pulses in a row; cleared after <see cref="ClearSeconds"/> without either.
    /// </summary>
    public sealed class TamperDetector
    {
        private readonly long _minIntervalMs;
        private readonly int _consecutive;
        private long _magnetSince = -1;
        private long _lastPulseAt = -1;
        private int _fastPulses;
        private long _lastEvidenceAt = -1;

        /// <summary>A detector for a channel's maximum plausible flow.</summary>
        public TamperDetector(MeterChannelSettings settings)
        {
            MagnetSeconds = 2;
            ClearSeconds = 300;
            _consecutive = settings.TamperConsecutivePulses;

            // The shortest plausible time between pulses at the maximum flow.
            _minIntervalMs = settings.MaxFlowMilliPerHour <= 0
                ? 0
                : 1000L * 3600000L / settings.PulsesPerUnit / settings.MaxFlowMilliPerHour;
        }

        /// <summary>Seconds a magnet must be present to count.</summary>
        public int MagnetSeconds { get; set; }

        /// <summary>Seconds without evidence before the flag clears.</summary>
        public int ClearSeconds { get; set; }

        /// <summary>Whether tamper is flagged.</summary>
        public bool Tampered { get; private set; }

        /// <summary>Set by the update that raised the flag.</summary>
        public bool Raised { get; private set; }

        /// <summary>Set by the update that cleared the flag.</summary>
        public bool Cleared { get; private set; }

        /// <summary>Reports a pulse (after debouncing) at <paramref name="nowMs"/>.</summary>
        public void OnPulse(long nowMs)
        {
            if (_minIntervalMs > 0 && _lastPulseAt >= 0 && nowMs - _lastPulseAt < _minIntervalMs)
            {
                _fastPulses++;
                if (_fastPulses >= _consecutive)
                {
                    _lastEvidenceAt = nowMs;
                }
            }
            else
            {
                _fastPulses = 0;
            }

            _lastPulseAt = nowMs;
        }

        /// <summary>Updates from the magnet input and the clock; call periodically.</summary>
        public void Update(long nowMs, bool magnetPresent)
        {
            Raised = false;
            Cleared = false;
            if (magnetPresent)
            {
                if (_magnetSince < 0)
                {
                    _magnetSince = nowMs;
                }

                if (nowMs - _magnetSince >= MagnetSeconds * 1000L)
                {
                    _lastEvidenceAt = nowMs;
                }
            }
            else
            {
                _magnetSince = -1;
            }

            bool recent = _lastEvidenceAt >= 0 && nowMs - _lastEvidenceAt < ClearSeconds * 1000L;
            if (recent && !Tampered)
            {
                Tampered = true;
                Raised = true;
            }
            else if (!recent && Tampered)
            {
                Tampered = false;
                Cleared = true;
            }
        }
    }
}
