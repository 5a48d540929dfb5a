namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// Lamp faults, after TALQ's LampMonitorFunction. One bit each, so a status can carry them all
    /// (eight bits in the compact form).
    /// </summary>
    [System.Flags]
    public enum LampFaults : byte
    {
        /// <summary>No fault.</summary>
        None = 0,

        /// <summary>Should be lit, but current or power shows no light.</summary>
        LampFailure = 1,

        /// <summary>Measured level does not follow the commanded dim level.</summary>
        DimmingFailure = 2,

        /// <summary>The lamp switches itself on and off repeatedly.</summary>
        CyclingFailure = 4,

        /// <summary>Power above the expected value plus tolerance.</summary>
        PowerTooHigh = 8,

        /// <summary>Power below the expected value minus tolerance.</summary>
        PowerTooLow = 16,

        /// <summary>Lit although commanded off.</summary>
        UnexpectedOn = 32,

        /// <summary>The relay does not follow its command.</summary>
        RelayFailure = 64,

        /// <summary>The power measurement itself failed (no reading from the metering input).</summary>
        MeteringFailure = 128
    }
}
