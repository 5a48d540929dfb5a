using System;
using System.Threading;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>The device's real clock: RTC for wall time, tick count for uptime, plain threads.</summary>
    public sealed class SystemClock : IClock
    {
        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <inheritdoc />
        public long UptimeMilliseconds
        {
            get { return Environment.TickCount64; }
        }

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }

        /// <inheritdoc />
        public bool WaitFor(ManualResetEvent signal, int milliseconds)
        {
            return signal.WaitOne(milliseconds, false);
        }

        /// <inheritdoc />
        public void StartThread(ThreadStart work)
        {
            new Thread(work).Start();
        }
    }
}
