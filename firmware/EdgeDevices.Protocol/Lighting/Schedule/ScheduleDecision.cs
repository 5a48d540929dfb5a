using System;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>What the schedule says at a moment: the level, why, and until when it holds.</summary>
    public sealed class ScheduleDecision
    {
        /// <summary>Dim level 0–100 %.</summary>
        public byte Level { get; set; }

        /// <summary>Schedule, override or default.</summary>
        public ControlSource Source { get; set; }

        /// <summary>Program that decided, or -1.</summary>
        public int ProgramId { get; set; }

        /// <summary>Next moment the level changes (UTC); DateTime.MaxValue when nothing changes within a week.</summary>
        public DateTime NextChangeUtc { get; set; }
    }
}
