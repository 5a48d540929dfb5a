using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Lighting.Energy
{
    /// <summary>
    /// A street light's lifetime counters: measured energy (Wh), burning time and switch-on count, kept on
    /// flash in a <see cref="DualSlotRecord"/>. Energy is integrated from the measured power over the time
    /// between samples. The counters are saved every <see cref="SaveIntervalSeconds"/> of burning and
    /// always before a report is made (<see cref="Report"/>), so a reported value never goes backwards
    /// after a power cut; at most the unsaved interval is lost. Energy-service contracts are paid from
    /// these counters, so nothing is estimated: time without a power reading adds burning time, not energy.
    /// </summary>
    public sealed class LampEnergyCounter
    {
        /// <summary>Bytes of storage the counter needs.</summary>
        public const int StorageSize = 2 * (DualSlotRecord.Overhead + RecordSize);

        private const int RecordSize = 16;
        private const long DeciWattMillisecondsPerWattHour = 36000000;

        private readonly object _sync = new object();
        private readonly DualSlotRecord _record;
        private readonly byte[] _buffer = new byte[RecordSize];
        private uint _energyWattHours;
        private long _energyRemainder;
        private long _burnMilliseconds;
        private uint _switchOns;
        private long _lastSampleAt = -1;
        private int _lastPower;
        private bool _lastHasPower;
        private bool _lastRelayOn;
        private long _burnAtLastSave;
        private bool _dirty;

        /// <summary>Loads the counters stored at <paramref name="position"/> (zero on new storage).</summary>
        public LampEnergyCounter(IFlashStorage storage, int position)
        {
            _record = new DualSlotRecord(storage, position, RecordSize);
            SaveIntervalSeconds = 900;
            if (_record.Read(_buffer) == RecordSize)
            {
                _energyWattHours = BigEndian.ReadUInt(_buffer, 0, 4);
                _burnMilliseconds = BigEndian.ReadUInt(_buffer, 4, 4) * 1000L;
                _switchOns = BigEndian.ReadUInt(_buffer, 8, 4);
                _energyRemainder = BigEndian.ReadUInt(_buffer, 12, 4);
                _burnAtLastSave = _burnMilliseconds;
            }
        }

        /// <summary>Burning time between automatic saves.</summary>
        public int SaveIntervalSeconds { get; set; }

        /// <summary>Energy so far, watt-hours.</summary>
        public uint EnergyWattHours
        {
            get
            {
                lock (_sync)
                {
                    return _energyWattHours;
                }
            }
        }

        /// <summary>Burning time so far, seconds.</summary>
        public uint BurnSeconds
        {
            get
            {
                lock (_sync)
                {
                    return (uint)(_burnMilliseconds / 1000);
                }
            }
        }

        /// <summary>Switch-on count so far.</summary>
        public uint SwitchOns
        {
            get
            {
                lock (_sync)
                {
                    return _switchOns;
                }
            }
        }

        /// <summary>Accounts for the time since the previous sample, then records this one.</summary>
        public void Sample(long nowMs, bool relayOn, bool hasPower, int powerDeciWatt)
        {
            lock (_sync)
            {
                if (_lastSampleAt >= 0 && nowMs > _lastSampleAt)
                {
                    long elapsed = nowMs - _lastSampleAt;
                    if (_lastRelayOn)
                    {
                        _burnMilliseconds += elapsed;
                        _dirty = true;
                    }

                    if (_lastHasPower && _lastPower > 0)
                    {
                        _energyRemainder += _lastPower * elapsed;
                        while (_energyRemainder >= DeciWattMillisecondsPerWattHour)
                        {
                            _energyRemainder -= DeciWattMillisecondsPerWattHour;
                            _energyWattHours++;
                        }

                        _dirty = true;
                    }
                }

                if (relayOn && !_lastRelayOn)
                {
                    _switchOns++;
                    _dirty = true;
                }

                _lastSampleAt = nowMs;
                _lastRelayOn = relayOn;
                _lastHasPower = hasPower;
                _lastPower = powerDeciWatt;
                if (_burnMilliseconds - _burnAtLastSave >= SaveIntervalSeconds * 1000L)
                {
                    SaveLocked();
                }
            }
        }

        /// <summary>Saves if anything changed, then fills a report of the saved values.</summary>
        public LampEnergy Report(LampEnergy report)
        {
            lock (_sync)
            {
                if (_dirty)
                {
                    SaveLocked();
                }

                report.EnergyWattHours = _energyWattHours;
                report.BurnMinutes = (uint)(_burnMilliseconds / 60000);
                report.SwitchOnCount = _switchOns;
                return report;
            }
        }

        private void SaveLocked()
        {
            BigEndian.WriteUInt(_buffer, 0, 4, _energyWattHours);
            BigEndian.WriteUInt(_buffer, 4, 4, (uint)(_burnMilliseconds / 1000));
            BigEndian.WriteUInt(_buffer, 8, 4, _switchOns);
            BigEndian.WriteUInt(_buffer, 12, 4, (uint)_energyRemainder);
            _record.Write(_buffer, 0, RecordSize);
            _burnAtLastSave = _burnMilliseconds;
            _dirty = false;
        }
    }
}
