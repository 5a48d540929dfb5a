namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// One rule of a calendar: on the days it matches, <see cref="ProgramId"/> runs. Rules are tried in
    /// order and the first match wins (TALQ). A date range is inclusive and may be yearly (year 0; a range
    /// like 1 Oct–31 Mar wraps the new year) or absolute.
    /// </summary>
    public sealed class CalendarRule
    {
        /// <summary>Every weekday (bit n = System.DayOfWeek n).</summary>
        public const byte AllWeekdays = 0x7F;

        /// <summary>Creates a rule matching every day; narrow it with the properties.</summary>
        public CalendarRule(int programId)
        {
            ProgramId = programId;
            Weekdays = AllWeekdays;
        }

        /// <summary>The program to run.</summary>
        public int ProgramId { get; private set; }

        /// <summary>Weekdays the rule applies on; bit 0 is Sunday.</summary>
        public byte Weekdays { get; set; }

        /// <summary>How holidays count.</summary>
        public HolidayMatch Holidays { get; set; }

        /// <summary>Whether <see cref="From"/> and <see cref="Until"/> limit the rule.</summary>
        public bool HasDateRange { get; set; }

        /// <summary>First day, as year×10000 + month×100 + day (year 0 = every year).</summary>
        public int From { get; set; }

        /// <summary>Last day (inclusive), same encoding as <see cref="From"/>.</summary>
        public int Until { get; set; }
    }
}
