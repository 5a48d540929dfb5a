using System;

namespace EdgeDevices.Firmware.Timing
{
    /// <summary>Conversions between DateTime and the Unix seconds carried in messages.</summary>
    public static class UnixTime
    {
        /// <summary>Earliest time treated as a set clock (2024-01-01T00:00Z); a device clock before it has not been set.</summary>
        public const long ValidFromSeconds = 1704067200;

        /// <summary>1970-01-01T00:00Z in DateTime ticks.</summary>
        public const long EpochTicks = 621355968000000000;

        /// <summary>Unix seconds of a UTC time, or 0 when the clock is plainly not set.</summary>
        public static uint ToMessageTime(DateTime utc)
        {
            long seconds = (utc.Ticks - EpochTicks) / TimeSpan.TicksPerSecond;
            if (seconds < ValidFromSeconds || seconds > uint.MaxValue)
            {
                return 0;
            }

            return (uint)seconds;
        }

        /// <summary>UTC time of Unix seconds.</summary>
        public static DateTime ToDateTime(long unixSeconds)
        {
            return new DateTime(EpochTicks + unixSeconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        }
    }
}
