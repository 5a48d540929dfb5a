using System;
using System.Threading;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>
    /// Time and threads as firmware sees them. Everything that waits, stamps or starts a thread goes
    /// through this: on the device it is <see cref="SystemClock"/>; in emulation a virtual clock
    /// (hardware/emulation) runs a night of dimming or a day of outage in seconds, moving only when every
    /// device thread is waiting on it.
    /// </summary>
    public interface IClock
    {
        /// <summary>Wall-clock time, UTC. Before SNTP (or the gateway) sets it, it may be far in the past.</summary>
        DateTime UtcNow { get; }

        /// <summary>Milliseconds since boot; monotonic, unaffected by setting the wall clock.</summary>
        long UptimeMilliseconds { get; }

        /// <summary>Blocks the calling thread for the given time.</summary>
        void Sleep(int milliseconds);

        /// <summary>
        /// Waits until <paramref name="signal"/> is set or the time has passed; true when set. The event
        /// stays set: the caller resets it once it has acted. (A manual-reset event lets a virtual clock see
        /// that a waiter is about to run without consuming its signal.)
        /// </summary>
        bool WaitFor(ManualResetEvent signal, int milliseconds);

        /// <summary>Starts a device thread (the clock keeps count of them to know when all are waiting).</summary>
        void StartThread(ThreadStart work);
    }
}
