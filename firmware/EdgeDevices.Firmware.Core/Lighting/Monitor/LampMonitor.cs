using EdgeDevices.Firmware.Lighting.Output;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Lighting.Monitor
{
    /// <summary>
    /// Detects TALQ's lamp faults from the commanded output and the measured power: lamp failure, dimming
    /// failure, cycling, power too high or too low, unexpectedly on, relay failure, and a failed metering
    /// input. Each update every fault's condition is true, false or unknown (power is not judged during
    /// warm-up after switch-on or while settling after a level change, and lamp-on faults cannot be judged
    /// while the lamp is commanded off). A fault is raised once its condition has held for the detection
    /// time and cleared once it has been absent for the clearing time; unknown pauses both, so a lamp
    /// failure seen at night stays raised through the day until the lamp is seen working.
    /// </summary>
    public sealed class LampMonitor
    {
        private const int FaultCount = 8;
        private const int Unknown = 0;
        private const int No = 1;
        private const int Yes = 2;

        private readonly LampType _type;
        private readonly LampMonitorSettings _settings;
        private readonly long[] _trueSince = new long[FaultCount];
        private readonly long[] _falseSince = new long[FaultCount];
        private readonly int[] _condition = new int[FaultCount];
        private readonly long[] _transitions;
        private int _transitionCount;
        private int _nextTransition;
        private bool _wasRelayOn;
        private bool _wasLit;
        private int _lastPhysicalLevel = -1;
        private long _switchedOnAt;
        private long _levelChangedAt;
        private int _active;
        private int _raised;
        private int _cleared;
        private int _evidence;

        /// <summary>A monitor for a lamp of <paramref name="type"/>.</summary>
        public LampMonitor(LampType type, LampMonitorSettings settings)
        {
            _type = type;
            _settings = settings;
            _transitions = new long[settings.CyclingTransitions < 1 ? 1 : settings.CyclingTransitions];
            for (int i = 0; i < FaultCount; i++)
            {
                _trueSince[i] = -1;
                _falseSince[i] = -1;
            }
        }

        /// <summary>Faults currently raised.</summary>
        public LampFaults Active
        {
            get { return (LampFaults)_active; }
        }

        /// <summary>Faults raised by the last update.</summary>
        public LampFaults Raised
        {
            get { return (LampFaults)_raised; }
        }

        /// <summary>Faults cleared by the last update.</summary>
        public LampFaults Cleared
        {
            get { return (LampFaults)_cleared; }
        }

        /// <summary>Measured power at the last update, tenths of a watt (the evidence for an event).</summary>
        public int EvidenceDeciWatt
        {
            get { return _evidence; }
        }

        /// <summary>Judges one sample taken at <paramref name="nowMs"/> (monotonic milliseconds).</summary>
        public void Update(long nowMs, OutputCommand command, LampSample sample)
        {
            bool relayOn = command.RelayOn;
            if (relayOn && !_wasRelayOn)
            {
                _switchedOnAt = nowMs;
            }

            if (command.PhysicalLevel != _lastPhysicalLevel)
            {
                _levelChangedAt = nowMs;
                _lastPhysicalLevel = command.PhysicalLevel;
            }

            _wasRelayOn = relayOn;
            _evidence = sample.HasPower ? sample.PowerDeciWatt : 0;

            Judge(nowMs, relayOn, command.PhysicalLevel, sample);

            _raised = 0;
            _cleared = 0;
            for (int bit = 0; bit < FaultCount; bit++)
            {
                Advance(bit, nowMs);
            }
        }

        private void Judge(long nowMs, bool relayOn, int physicalLevel, LampSample sample)
        {
            bool warm = relayOn && nowMs - _switchedOnAt >= _type.WarmUpSeconds * 1000L;
            bool settled = warm && nowMs - _levelChangedAt >= _settings.SettleSeconds * 1000L;
            int power = sample.PowerDeciWatt;
            int expected = _type.ExpectedPowerDeciWatt(physicalLevel);
            int litThreshold = expected * _settings.LampFailurePercent / 100;
            if (litThreshold < _type.StandbyWatts * 10)
            {
                litThreshold = _type.StandbyWatts * 10;
            }

            bool lit = sample.HasPower && power >= litThreshold;

            Set(LampFaults.MeteringFailure, sample.HasPower ? No : Yes);
            Set(LampFaults.RelayFailure, !sample.HasRelayFeedback ? Unknown : (sample.RelayClosed != relayOn ? Yes : No));

            if (!sample.HasPower)
            {
                Set(LampFaults.LampFailure, Unknown);
                Set(LampFaults.DimmingFailure, Unknown);
                Set(LampFaults.PowerTooHigh, Unknown);
                Set(LampFaults.PowerTooLow, Unknown);
                Set(LampFaults.UnexpectedOn, Unknown);
                Set(LampFaults.CyclingFailure, Unknown);
                return;
            }

            if (!relayOn)
            {
                Set(LampFaults.UnexpectedOn, power > _type.StandbyWatts * 10 ? Yes : No);
                Set(LampFaults.LampFailure, Unknown);
                Set(LampFaults.DimmingFailure, Unknown);
                Set(LampFaults.PowerTooHigh, Unknown);
                Set(LampFaults.PowerTooLow, Unknown);
                Set(LampFaults.CyclingFailure, Unknown);
                _wasLit = false;
                return;
            }

            Set(LampFaults.UnexpectedOn, Unknown);
            if (!warm)
            {
                Set(LampFaults.LampFailure, Unknown);
                Set(LampFaults.DimmingFailure, Unknown);
                Set(LampFaults.PowerTooHigh, Unknown);
                Set(LampFaults.PowerTooLow, Unknown);
                Set(LampFaults.CyclingFailure, Unknown);
                _wasLit = lit;
                return;
            }

            Set(LampFaults.LampFailure, lit ? No : Yes);
            Set(LampFaults.CyclingFailure, Cycling(nowMs, lit) ? Yes : No);

            if (!settled || !lit)
            {
                Set(LampFaults.DimmingFailure, Unknown);
                Set(LampFaults.PowerTooHigh, Unknown);
                Set(LampFaults.PowerTooLow, Unknown);
                return;
            }

            int measuredLevel = _type.LevelForPower(power);
            int difference = measuredLevel - physicalLevel;
            bool dimming = difference > _settings.DimmingTolerance || difference < -_settings.DimmingTolerance;
            int tolerance = expected * _type.PowerTolerancePercent / 100;
            Set(LampFaults.DimmingFailure, dimming ? Yes : No);
            Set(LampFaults.PowerTooHigh, !dimming && power > expected + tolerance ? Yes : No);
            Set(LampFaults.PowerTooLow, !dimming && power < expected - tolerance ? Yes : No);
        }

        // Counts lit/unlit transitions in the cycling window; true when there are enough of them.
        private bool Cycling(long nowMs, bool lit)
        {
            if (lit != _wasLit)
            {
                _transitions[_nextTransition] = nowMs;
                _nextTransition = (_nextTransition + 1) % _transitions.Length;
                if (_transitionCount < _transitions.Length)
                {
                    _transitionCount++;
                }

                _wasLit = lit;
            }

            if (_transitionCount < _transitions.Length)
            {
                return false;
            }

            // The oldest of the last N transitions is the next slot to be overwritten.
            long oldest = _transitions[_nextTransition];
            return nowMs - oldest <= _settings.CyclingWindowSeconds * 1000L;
        }

        private void Set(LampFaults fault, int state)
        {
            _condition[BitOf(fault)] = state;
        }

        private void Advance(int bit, long nowMs)
        {
            int mask = 1 << bit;
            int state = _condition[bit];
            if (state == Yes)
            {
                _falseSince[bit] = -1;
                if (_trueSince[bit] < 0)
                {
                    _trueSince[bit] = nowMs;
                }

                if ((_active & mask) == 0 && nowMs - _trueSince[bit] >= DetectMilliseconds(mask))
                {
                    _active |= mask;
                    _raised |= mask;
                }
            }
            else if (state == No)
            {
                _trueSince[bit] = -1;
                if (_falseSince[bit] < 0)
                {
                    _falseSince[bit] = nowMs;
                }

                if ((_active & mask) != 0 && nowMs - _falseSince[bit] >= _settings.ClearSeconds * 1000L)
                {
                    _active &= ~mask;
                    _cleared |= mask;
                }
            }
            else
            {
                _trueSince[bit] = -1;
                _falseSince[bit] = -1;
            }
        }

        private long DetectMilliseconds(int mask)
        {
            if (mask == (int)LampFaults.RelayFailure)
            {
                return _settings.RelayFeedbackSeconds * 1000L;
            }

            // Cycling is already judged over its own window.
            return mask == (int)LampFaults.CyclingFailure ? 0 : _settings.DetectSeconds * 1000L;
        }

        private static int BitOf(LampFaults fault)
        {
            int value = (int)fault;
            int bit = 0;
            while (value > 1)
            {
                value >>= 1;
                bit++;
            }

            return bit;
        }
    }
}
