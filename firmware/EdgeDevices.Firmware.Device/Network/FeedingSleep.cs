using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// An uplink thread's long wait (a reconnect backoff, a duty-cycle pause) cut into steps, feeding the
    /// watchdog and running the runtime's housekeeping after each, so a legitimate wait never looks like a
    /// hung thread and health, reboots and updates still happen meanwhile.
    /// </summary>
    public static class FeedingSleep
    {
        /// <summary>Sleeps <paramref name="milliseconds"/> in steps of at most <paramref name="stepMs"/>.</summary>
        public static void Run(IClock clock, SoftwareWatchdog watchdog, int handle, IUplinkHousekeeping housekeeping, int milliseconds, int stepMs)
        {
            while (milliseconds > 0)
            {
                int step = milliseconds > stepMs ? stepMs : milliseconds;
                clock.Sleep(step);
                milliseconds -= step;
                watchdog.Feed(handle);
                housekeeping.Tick();
            }
        }
    }
}
