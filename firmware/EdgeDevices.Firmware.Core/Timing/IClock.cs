using System;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>
    /// Time as firmware sees it. Everything that waits or stamps goes through this, so a test can run a
    /// night of dimming or a day of outage on a <see cref="VirtualClock"/> in seconds.
    /// </summary>
    public interface IClock
    {
        /// <summary>Wall-clock time, UTC. Before SNTP (or the gateway) sets it, it may be far in the past.</summary>
        DateTime UtcNow { get; }

        /// <summary>Milliseconds since boot; monotonic, unaffected by setting the wall clock.</summary>
        long UptimeMilliseconds { get; }

        /// <summary>Blocks the calling thread for the given time.</summary>
        void Sleep(int milliseconds);
    }
}
