namespace EdgeDevices.Firmware.Config
{
    /// <summary>An air-quality node's sensors and sampling.</summary>
    public sealed class AirQualitySettings
    {
        /// <summary>The particle sensor.</summary>
        public ParticleSensorKind Particles { get; set; }

        /// <summary>The climate sensor.</summary>
        public ClimateSensorKind Climate { get; set; }

        /// <summary>Samples averaged per cycle (minimum and maximum dropped).</summary>
        public int SamplesPerCycle { get; set; }

        /// <summary>Seconds the particle sensor runs before its readings count.</summary>
        public int WarmUpSeconds { get; set; }
    }
}
