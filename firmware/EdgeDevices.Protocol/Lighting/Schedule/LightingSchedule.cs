using EdgeDevices.Firmware.Lighting.Astronomy;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// Everything a street light needs to light itself without the network: a calendar of rules choosing
    /// a control program per day, the programs, the holidays, and what to do when nothing matches.
    /// Schedule days run from <see cref="DayStartMinutes"/> (noon by default, TALQ's dayOffset 12) to the
    /// same time next day, so one night belongs to one day and one program.
    /// </summary>
    public sealed class LightingSchedule
    {
        /// <summary>Creates a schedule.</summary>
        public LightingSchedule(int version, CalendarRule[] rules, ControlProgram[] programs, int[] holidays)
        {
            Version = version;
            Rules = rules;
            Programs = programs;
            Holidays = holidays;
            DayStartMinutes = 720;
            DefaultProgramId = -1;
            DefaultLevel = 100;
        }

        /// <summary>Version assigned by the gateway; increases with every change.</summary>
        public int Version { get; private set; }

        /// <summary>Calendar rules in priority order.</summary>
        public CalendarRule[] Rules { get; private set; }

        /// <summary>The programs the rules refer to.</summary>
        public ControlProgram[] Programs { get; private set; }

        /// <summary>Holidays as year×10000 + month×100 + day (year 0 = every year).</summary>
        public int[] Holidays { get; private set; }

        /// <summary>Local minute at which a schedule day starts.</summary>
        public int DayStartMinutes { get; set; }

        /// <summary>Program for days no rule matches; -1 for none.</summary>
        public int DefaultProgramId { get; set; }

        /// <summary>Level when no rule and no default program applies (TALQ's default light state).</summary>
        public byte DefaultLevel { get; set; }

        /// <summary>What a lamp runs before it has ever received a schedule: on at full from sunset to sunrise.</summary>
        public static LightingSchedule Fallback()
        {
            ControlProgram duskToDawn = new ControlProgram(
                0, TimeSpec.Astro(SolarEvent.Sunset, 0), TimeSpec.Astro(SolarEvent.Sunrise, 0), 100, new ProgramStep[0]);
            LightingSchedule schedule = new LightingSchedule(0, new CalendarRule[0], new ControlProgram[] { duskToDawn }, new int[0]);
            schedule.DefaultProgramId = 0;
            return schedule;
        }

        /// <summary>The program with the id, or null.</summary>
        public ControlProgram FindProgram(int id)
        {
            for (int i = 0; i < Programs.Length; i++)
            {
                if (Programs[i].Id == id)
                {
                    return Programs[i];
                }
            }

            return null;
        }
    }
}
