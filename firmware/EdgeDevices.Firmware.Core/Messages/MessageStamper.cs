using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// Gives each outgoing message its boot id, sequence number and timestamp. When the sequence would
    /// wrap it moves to a fresh boot id, so (device, boot id, sequence) stays unique.
    /// </summary>
    public sealed class MessageStamper
    {
        private readonly object _sync = new object();
        private readonly IBootIdSource _bootIds;
        private readonly IClock _clock;
        private ushort _bootId;
        private int _nextSequence;

        /// <summary>Starts a new boot: takes a fresh boot id from <paramref name="bootIds"/>.</summary>
        public MessageStamper(IBootIdSource bootIds, IClock clock)
        {
            _bootIds = bootIds;
            _clock = clock;
            _bootId = bootIds.NextBootId();
        }

        /// <summary>The boot id in use.</summary>
        public ushort BootId
        {
            get
            {
                lock (_sync)
                {
                    return _bootId;
                }
            }
        }

        /// <summary>Stamps <paramref name="message"/> and returns it.</summary>
        public Message Stamp(Message message)
        {
            lock (_sync)
            {
                if (_nextSequence > ushort.MaxValue)
                {
                    _bootId = _bootIds.NextBootId();
                    _nextSequence = 0;
                }

                message.BootId = _bootId;
                message.Sequence = (ushort)_nextSequence;
                _nextSequence++;
            }

            message.Timestamp = UnixTime.ToMessageTime(_clock.UtcNow);
            return message;
        }
    }
}
