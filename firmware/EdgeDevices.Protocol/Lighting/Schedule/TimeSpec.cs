using EdgeDevices.Firmware.Lighting.Astronomy;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// A moment in a schedule day: a fixed local time ("23:00"), or a solar event plus an offset in
    /// minutes ("sunset-10", "sunrise+15"), as in TALQ's astro-clock time controls.
    /// </summary>
    public sealed class TimeSpec
    {
        private TimeSpec(bool isAstro, int minuteOfDay, SolarEvent solarEvent, int offsetMinutes)
        {
            IsAstro = isAstro;
            MinuteOfDay = minuteOfDay;
            Event = solarEvent;
            OffsetMinutes = offsetMinutes;
        }

        /// <summary>Whether the moment follows the sun.</summary>
        public bool IsAstro { get; private set; }

        /// <summary>Local minute after midnight (fixed moments).</summary>
        public int MinuteOfDay { get; private set; }

        /// <summary>The solar event (astro moments).</summary>
        public SolarEvent Event { get; private set; }

        /// <summary>Minutes after (positive) or before (negative) the event.</summary>
        public int OffsetMinutes { get; private set; }

        /// <summary>A fixed local time.</summary>
        public static TimeSpec Fixed(int hour, int minute)
        {
            return new TimeSpec(false, hour * 60 + minute, 0, 0);
        }

        /// <summary>A solar event plus an offset.</summary>
        public static TimeSpec Astro(SolarEvent solarEvent, int offsetMinutes)
        {
            return new TimeSpec(true, 0, solarEvent, offsetMinutes);
        }
    }
}
