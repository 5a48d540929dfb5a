using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>A parsed schedule, or every problem found in it.</summary>
    public sealed class ScheduleParseResult
    {
        /// <summary>Creates the result.</summary>
        public ScheduleParseResult(LightingSchedule schedule, FieldError[] errors)
        {
            Schedule = schedule;
            Errors = errors;
        }

        /// <summary>The schedule; null when <see cref="Errors"/> is not empty.</summary>
        public LightingSchedule Schedule { get; private set; }

        /// <summary>Every problem, each naming its field (e.g. "programs[0].steps[1].at").</summary>
        public FieldError[] Errors { get; private set; }

        /// <summary>Whether the schedule can be used.</summary>
        public bool IsValid
        {
            get { return Errors.Length == 0; }
        }
    }
}
