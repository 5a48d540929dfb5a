namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>From <see cref="At"/> on, the lamp runs at <see cref="Level"/> until the next step.</summary>
    public sealed class ProgramStep
    {
        /// <summary>Creates a step.</summary>
        public ProgramStep(TimeSpec at, byte level)
        {
            At = at;
            Level = level;
        }

        /// <summary>When the step starts.</summary>
        public TimeSpec At { get; private set; }

        /// <summary>Dim level 0–100 %.</summary>
        public byte Level { get; private set; }
    }
}
