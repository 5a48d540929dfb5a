using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.AirQuality.Sampling
{
    /// <summary>
    /// One sampling cycle of an air-quality node, after sensor.community's firmware: the particle sensor
    /// is woken, its readings are ignored for the warm-up time (the fan and laser need ~30 s to settle),
    /// then <see cref="SamplesPerCycle"/> readings are taken and averaged without their minimum and maximum.
    /// Climate readings (temperature, humidity, pressure) are averaged the same way. Relative humidity above
    /// <see cref="HumidityFlagCentiPercent"/> flags the reading, because optical PM sensors read high in
    /// damp air; a cycle cut short is flagged as degraded. Values are raw, never humidity-corrected on the
    /// device (the gateway applies corrections it can revise), and the cycle's individual samples stay
    /// available until the next cycle starts.
    /// </summary>
    public sealed class AirQualitySampler
    {
        private readonly int[] _pm1;
        private readonly int[] _pm25;
        private readonly int[] _pm10;
        private readonly int[] _temperature;
        private readonly int[] _humidity;
        private readonly int[] _pressure;
        private long _startedAt = -1;
        private int _pmCount;
        private int _climateCount;

        /// <summary>A sampler taking <paramref name="samplesPerCycle"/> samples after <paramref name="warmUpSeconds"/>.</summary>
        public AirQualitySampler(int samplesPerCycle, int warmUpSeconds)
        {
            SamplesPerCycle = samplesPerCycle < 1 ? 1 : samplesPerCycle;
            WarmUpSeconds = warmUpSeconds;
            HumidityFlagCentiPercent = 7000;
            ParticleChannels = AirQualityFields.Particulates;
            _pm1 = new int[SamplesPerCycle];
            _pm25 = new int[SamplesPerCycle];
            _pm10 = new int[SamplesPerCycle];
            _temperature = new int[SamplesPerCycle];
            _humidity = new int[SamplesPerCycle];
            _pressure = new int[SamplesPerCycle];
        }

        /// <summary>Samples averaged per cycle.</summary>
        public int SamplesPerCycle { get; private set; }

        /// <summary>Particle-sensor readings ignored after wake-up, seconds.</summary>
        public int WarmUpSeconds { get; private set; }

        /// <summary>Humidity above which readings are flagged, hundredths of a percent (70 %).</summary>
        public int HumidityFlagCentiPercent { get; set; }

        /// <summary>The particle sizes the sensor measures (all three by default; an SDS011 has no PM1).</summary>
        public AirQualityFields ParticleChannels { get; set; }

        /// <summary>Particle samples taken in the current cycle.</summary>
        public int ParticleSamples
        {
            get { return _pmCount; }
        }

        /// <summary>Whether every sample of the cycle has been taken.</summary>
        public bool IsComplete
        {
            get { return _pmCount >= SamplesPerCycle; }
        }

        /// <summary>Starts a cycle: the particle sensor was woken at <paramref name="nowMs"/>.</summary>
        public void Start(long nowMs)
        {
            _startedAt = nowMs;
            _pmCount = 0;
            _climateCount = 0;
        }

        /// <summary>Whether the warm-up is over.</summary>
        public bool IsWarm(long nowMs)
        {
            return _startedAt >= 0 && nowMs - _startedAt >= WarmUpSeconds * 1000L;
        }

        /// <summary>Adds a particle reading (µg/m³); ignored during warm-up or once the cycle is full. True when kept.</summary>
        public bool AddParticles(long nowMs, int pm1, int pm25, int pm10)
        {
            if (!IsWarm(nowMs) || _pmCount >= SamplesPerCycle)
            {
                return false;
            }

            _pm1[_pmCount] = pm1;
            _pm25[_pmCount] = pm25;
            _pm10[_pmCount] = pm10;
            _pmCount++;
            return true;
        }

        /// <summary>Adds a climate reading (0.01 °C, 0.01 %, Pa); ignored once the cycle has enough.</summary>
        public void AddClimate(int temperatureCentiCelsius, int humidityCentiPercent, int pressurePascal)
        {
            if (_climateCount >= SamplesPerCycle)
            {
                return;
            }

            _temperature[_climateCount] = temperatureCentiCelsius;
            _humidity[_climateCount] = humidityCentiPercent;
            _pressure[_climateCount] = pressurePascal;
            _climateCount++;
        }

        /// <summary>A raw PM2.5 sample of the current cycle, in order taken.</summary>
        public int RawPm25(int index)
        {
            return _pm25[index];
        }

        /// <summary>Fills the reading's values and flags from the cycle (the header is stamped elsewhere).</summary>
        public AirQualityReading Complete(AirQualityReading reading)
        {
            AirQualityFields fields = AirQualityFields.None;
            AirQualityFlags flags = AirQualityFlags.None;
            if (_pmCount > 0)
            {
                // Only the sizes the sensor measures: a size it does not is absent, never a made-up value.
                fields |= ParticleChannels & AirQualityFields.Particulates;
                reading.Pm1 = (ParticleChannels & AirQualityFields.Pm1) != 0 ? Clamp(TrimmedMean.Of(_pm1, _pmCount)) : (ushort)0;
                reading.Pm25 = (ParticleChannels & AirQualityFields.Pm25) != 0 ? Clamp(TrimmedMean.Of(_pm25, _pmCount)) : (ushort)0;
                reading.Pm10 = (ParticleChannels & AirQualityFields.Pm10) != 0 ? Clamp(TrimmedMean.Of(_pm10, _pmCount)) : (ushort)0;
                if (_pmCount < SamplesPerCycle)
                {
                    flags |= AirQualityFlags.Degraded;
                }
            }

            if (_climateCount > 0)
            {
                fields |= AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure;
                reading.TemperatureCentiCelsius = TrimmedMean.Of(_temperature, _climateCount);
                reading.HumidityCentiPercent = TrimmedMean.Of(_humidity, _climateCount);
                reading.PressurePascal = TrimmedMean.Of(_pressure, _climateCount);
                if (reading.HumidityCentiPercent > HumidityFlagCentiPercent)
                {
                    flags |= AirQualityFlags.HumidityHigh;
                }
            }

            reading.Fields = fields;
            reading.Flags = flags;
            return reading;
        }

        private static ushort Clamp(int value)
        {
            return (ushort)(value < 0 ? 0 : (value > 65535 ? 65535 : value));
        }
    }
}
