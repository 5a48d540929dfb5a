namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// Keeps a device inside its duty cycle the way LoRaMac-node does: after a transmission of T ms at a
    /// duty cycle d, the band is off for T·(1/d − 1), so over any stretch the device is on air at most a
    /// share d of the time. Times are the device's uptime in milliseconds.
    /// </summary>
    public sealed class AirtimeBudget
    {
        private readonly int _permille;
        private long _nextAllowedAt;
        private long _totalAirtime;

        /// <summary>A budget of <paramref name="dutyCyclePermille"/> per thousand (0: no limit).</summary>
        public AirtimeBudget(int dutyCyclePermille)
        {
            _permille = dutyCyclePermille;
        }

        /// <summary>Total time on air so far, ms.</summary>
        public long TotalAirtimeMilliseconds
        {
            get { return _totalAirtime; }
        }

        /// <summary>When the next transmission may start.</summary>
        public long NextAllowedAt
        {
            get { return _nextAllowedAt; }
        }

        /// <summary>Milliseconds to wait at <paramref name="now"/> before transmitting (0: may send now).</summary>
        public long WaitAt(long now)
        {
            return now >= _nextAllowedAt ? 0 : _nextAllowedAt - now;
        }

        /// <summary>A transmission of <paramref name="airtimeMs"/> started at <paramref name="startedAt"/>.</summary>
        public void Transmitted(long startedAt, int airtimeMs)
        {
            _totalAirtime += airtimeMs;
            long off = _permille <= 0 || _permille >= 1000 ? 0 : (long)airtimeMs * (1000 - _permille) / _permille;
            long next = startedAt + airtimeMs + off;
            if (next > _nextAllowedAt)
            {
                _nextAllowedAt = next;
            }
        }

        /// <summary>The modem said the band is busy for <paramref name="waitMs"/>: trust it over our own count.</summary>
        public void BandBusy(long now, long waitMs)
        {
            if (now + waitMs > _nextAllowedAt)
            {
                _nextAllowedAt = now + waitMs;
            }
        }
    }
}
