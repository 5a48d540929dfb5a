using System;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Delays between reconnect attempts: doubling from the first delay up to a cap, each with "equal
    /// jitter" (half the delay fixed, half random), so a street of devices that lost the broker together
    /// does not come back in lockstep.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _firstMs;
        private readonly int _maxMs;
        private readonly Random _random;
        private int _attempts;

        /// <summary>A backoff from <paramref name="firstMs"/> to <paramref name="maxMs"/>.</summary>
        public ReconnectBackoff(int firstMs, int maxMs, Random random)
        {
            _firstMs = firstMs;
            _maxMs = maxMs;
            _random = random;
        }

        /// <summary>Failed attempts since the last success.</summary>
        public int Attempts
        {
            get { return _attempts; }
        }

        /// <summary>The delay before the next attempt, ms.</summary>
        public int NextDelay()
        {
            int ceiling = _firstMs;
            for (int i = 0; i < _attempts && ceiling < _maxMs; i++)
            {
                ceiling *= 2;
            }

            if (ceiling > _maxMs)
            {
                ceiling = _maxMs;
            }

            _attempts++;
            int half = ceiling / 2;
            return half + _random.Next(ceiling - half + 1);
        }

        /// <summary>Back to the first delay (after a success).</summary>
        public void Reset()
        {
            _attempts = 0;
        }
    }
}
