namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// A TALQ-style control program: an active period (for street lights usually sunset to sunrise, with
    /// offsets) outside which the lamp is off, and steps that set the level inside it. Before its first
    /// step in a day the active period runs at <see cref="BaseLevel"/>.
    /// </summary>
    public sealed class ControlProgram
    {
        /// <summary>Creates a program.</summary>
        public ControlProgram(int id, TimeSpec activeFrom, TimeSpec activeUntil, byte baseLevel, ProgramStep[] steps)
        {
            Id = id;
            ActiveFrom = activeFrom;
            ActiveUntil = activeUntil;
            BaseLevel = baseLevel;
            Steps = steps;
        }

        /// <summary>Identifier used by calendar rules.</summary>
        public int Id { get; private set; }

        /// <summary>Start of the active period; null with <see cref="ActiveUntil"/> null means active all day.</summary>
        public TimeSpec ActiveFrom { get; private set; }

        /// <summary>End of the active period.</summary>
        public TimeSpec ActiveUntil { get; private set; }

        /// <summary>Level in the active period before the day's first step.</summary>
        public byte BaseLevel { get; private set; }

        /// <summary>Level changes, in any order.</summary>
        public ProgramStep[] Steps { get; private set; }
    }
}
