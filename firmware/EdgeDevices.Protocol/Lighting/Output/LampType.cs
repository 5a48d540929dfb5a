namespace EdgeDevices.Firmware.Lighting.Output
{
    /// <summary>
    /// What a luminaire model is, after TALQ's LampType: rated power, the lowest level it can run at,
    /// "virtual 100 %" (the share of its physical output treated as full, set below 100 % to save energy
    /// or to compensate a new lamp), its dimming interface and warm-up, and how its power relates to
    /// its level for fault detection.
    /// </summary>
    public sealed class LampType
    {
        /// <summary>A lamp type with sensible LED defaults.</summary>
        public LampType(int ratedWatts)
        {
            RatedWatts = ratedWatts;
            MinLevel = 10;
            VirtualFullLevel = 100;
            Interface = DimmingInterface.Pwm;
            WarmUpSeconds = 5;
            PowerAtMinLevelPercent = 14;
            PowerTolerancePercent = 15;
            StandbyWatts = 2;
        }

        /// <summary>Power at full output, watts.</summary>
        public int RatedWatts { get; private set; }

        /// <summary>Lowest physical level the driver can hold, %; commands below it switch the lamp off.</summary>
        public byte MinLevel { get; set; }

        /// <summary>Physical output that a command of 100 % produces, %.</summary>
        public byte VirtualFullLevel { get; set; }

        /// <summary>Dimming interface.</summary>
        public DimmingInterface Interface { get; set; }

        /// <summary>Seconds after switch-on during which power is not judged.</summary>
        public int WarmUpSeconds { get; set; }

        /// <summary>Power at <see cref="MinLevel"/> as % of rated (LED drivers are less efficient when dimmed).</summary>
        public byte PowerAtMinLevelPercent { get; set; }

        /// <summary>Allowed deviation of measured from expected power, %.</summary>
        public byte PowerTolerancePercent { get; set; }

        /// <summary>Power above which a lamp commanded off counts as lit, watts.</summary>
        public int StandbyWatts { get; set; }

        /// <summary>
        /// Expected power at a physical level, tenths of a watt: linear from (<see cref="MinLevel"/>,
        /// <see cref="PowerAtMinLevelPercent"/>) to (100 %, rated); 0 when off.
        /// </summary>
        public int ExpectedPowerDeciWatt(int physicalLevel)
        {
            if (physicalLevel <= 0)
            {
                return 0;
            }

            int span = 100 - MinLevel;
            int percent = span <= 0
                ? 100
                : PowerAtMinLevelPercent + (100 - PowerAtMinLevelPercent) * (physicalLevel - MinLevel) / span;
            return RatedWatts * percent / 10;
        }

        /// <summary>The physical level whose expected power is closest to a measurement (inverse of <see cref="ExpectedPowerDeciWatt"/>).</summary>
        public int LevelForPower(int powerDeciWatt)
        {
            int percent = RatedWatts <= 0 ? 0 : powerDeciWatt * 10 / RatedWatts;
            int span = 100 - PowerAtMinLevelPercent;
            if (span <= 0)
            {
                return 100;
            }

            int level = MinLevel + (percent - PowerAtMinLevelPercent) * (100 - MinLevel) / span;
            return level < 0 ? 0 : level;
        }
    }
}
