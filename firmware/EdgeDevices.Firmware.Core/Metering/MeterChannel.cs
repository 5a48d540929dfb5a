using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Metering
{
    /// <summary>
    /// A meter channel's running total: pulses counted since installation, kept on flash in a
    /// <see cref="DualSlotRecord"/>. The count is saved whenever <see cref="MeterChannelSettings.UnsavedPulseWindow"/>
    /// pulses have come in since the last save, and always before a total is reported, so a power cut
    /// loses at most the window and a reported total never goes backwards. The total in thousandths of a
    /// unit is the installation reading plus pulses over the meter constant (rounded down, so it never
    /// runs ahead of the meter). Flow is estimated from the time between pulses.
    /// </summary>
    public sealed class MeterChannel
    {
        /// <summary>Bytes of storage a channel needs.</summary>
        public const int StorageSize = 2 * (DualSlotRecord.Overhead + 8);

        private readonly object _sync = new object();
        private readonly MeterChannelSettings _settings;
        private readonly DualSlotRecord _record;
        private readonly byte[] _buffer = new byte[8];
        private long _pulses;
        private long _savedPulses;
        private long _lastPulseAt = -1;
        private long _lastInterval = -1;

        /// <summary>A channel stored at <paramref name="position"/>; loads the saved count.</summary>
        public MeterChannel(IFlashStorage storage, int position, MeterChannelSettings settings)
        {
            _settings = settings;
            _record = new DualSlotRecord(storage, position, 8);
            if (_record.Read(_buffer) == 8)
            {
                _pulses = ((long)BigEndian.ReadUInt(_buffer, 0, 4) << 32) | BigEndian.ReadUInt(_buffer, 4, 4);
                _savedPulses = _pulses;
            }
        }

        /// <summary>The channel's settings.</summary>
        public MeterChannelSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>Pulses since installation (including unsaved ones).</summary>
        public long Pulses
        {
            get
            {
                lock (_sync)
                {
                    return _pulses;
                }
            }
        }

        /// <summary>Pulses a power cut would lose right now.</summary>
        public long UnsavedPulses
        {
            get
            {
                lock (_sync)
                {
                    return _pulses - _savedPulses;
                }
            }
        }

        /// <summary>Current total, thousandths of the unit.</summary>
        public long TotalMilli
        {
            get
            {
                lock (_sync)
                {
                    return _settings.InitialTotalMilli + _settings.MilliPerPulseTimes(_pulses);
                }
            }
        }

        /// <summary>Adds pulses counted at <paramref name="nowMs"/>; saves when the unsaved window is full.</summary>
        public void AddPulses(long nowMs, int count)
        {
            if (count <= 0)
            {
                return;
            }

            lock (_sync)
            {
                if (_lastPulseAt >= 0)
                {
                    _lastInterval = (nowMs - _lastPulseAt) / count;
                }

                _lastPulseAt = nowMs;
                _pulses += count;
                if (_pulses - _savedPulses >= _settings.UnsavedPulseWindow)
                {
                    SaveLocked();
                }
            }
        }

        /// <summary>
        /// Flow in thousandths of a unit per hour: one pulse over the last interval between pulses, and no
        /// more than one pulse over the time since the last pulse (so the estimate falls when pulses stop).
        /// </summary>
        public long FlowMilliPerHour(long nowMs)
        {
            lock (_sync)
            {
                if (_lastInterval <= 0)
                {
                    return 0;
                }

                long interval = _lastInterval;
                long sinceLast = nowMs - _lastPulseAt;
                if (sinceLast > interval)
                {
                    interval = sinceLast;
                }

                return 1000L * 3600000L / _settings.PulsesPerUnit / interval;
            }
        }

        /// <summary>Saves unsaved pulses, then fills a reading with the (saved) total.</summary>
        public MeterReading Report(MeterReading reading)
        {
            lock (_sync)
            {
                if (_pulses != _savedPulses)
                {
                    SaveLocked();
                }

                reading.Medium = _settings.Medium;
                reading.Channel = (byte)_settings.Channel;
                reading.TotalMilli = _settings.InitialTotalMilli + _settings.MilliPerPulseTimes(_pulses);
                return reading;
            }
        }

        private void SaveLocked()
        {
            BigEndian.WriteUInt(_buffer, 0, 4, (uint)(_pulses >> 32));
            BigEndian.WriteUInt(_buffer, 4, 4, (uint)_pulses);
            _record.Write(_buffer, 0, 8);
            _savedPulses = _pulses;
        }
    }
}
