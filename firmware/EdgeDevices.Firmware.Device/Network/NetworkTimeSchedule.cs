namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// When a LoRaWAN device asks the network for the time. Without Wi-Fi there is no SNTP: the wall clock
    /// (message stamps, the astronomical schedule, override expiry) comes from the network's DeviceTimeAns,
    /// asked for right after the join and again once a day; a request the modem could not queue is asked again
    /// after the next transmission. No I/O: the uplink asks the modem and reports.
    /// </summary>
    public sealed class NetworkTimeSchedule
    {
        /// <summary>How often the time is asked for again once known, ms.</summary>
        public const long IntervalMs = 86400000;

        private bool _wanted = true;
        private long _syncedAt = -1;

        /// <summary>Whether an answer is awaited (a request went with a transmission, or the time was never known).</summary>
        public bool Awaiting
        {
            get { return _wanted; }
        }

        /// <summary>Whether the time was ever set from the network.</summary>
        public bool EverSynced
        {
            get { return _syncedAt >= 0; }
        }

        /// <summary>Whether it is time to ask again, at uptime <paramref name="now"/> (nothing awaited, and a day since the last answer).</summary>
        public bool DueAt(long now)
        {
            return !_wanted && (_syncedAt < 0 || now - _syncedAt >= IntervalMs);
        }

        /// <summary>A request was handed to the modem (<paramref name="queued"/>) or not.</summary>
        public void Asked(bool queued)
        {
            _wanted = queued;
        }

        /// <summary>The network answered at uptime <paramref name="now"/>.</summary>
        public void Answered(long now)
        {
            _wanted = false;
            _syncedAt = now;
        }
    }
}
