namespace EdgeDevices.Firmware.Lighting.Astronomy
{
    /// <summary>
    /// The moments the sun's centre crosses a given altitude: sunrise and sunset at −0.833° (upper limb
    /// on the horizon with standard refraction), civil twilight at −6°, nautical at −12°, astronomical at −18°.
    /// Values are stored in schedules: never renumber.
    /// </summary>
    public enum SolarEvent : byte
    {
        /// <summary>Morning crossing of −0.833°.</summary>
        Sunrise = 1,

        /// <summary>Evening crossing of −0.833°.</summary>
        Sunset = 2,

        /// <summary>Morning crossing of −6°.</summary>
        CivilDawn = 3,

        /// <summary>Evening crossing of −6°.</summary>
        CivilDusk = 4,

        /// <summary>Morning crossing of −12°.</summary>
        NauticalDawn = 5,

        /// <summary>Evening crossing of −12°.</summary>
        NauticalDusk = 6,

        /// <summary>Morning crossing of −18°.</summary>
        AstronomicalDawn = 7,

        /// <summary>Evening crossing of −18°.</summary>
        AstronomicalDusk = 8
    }
}
