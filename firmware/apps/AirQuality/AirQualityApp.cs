using EdgeDevices.Firmware.AirQuality.Sampling;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;
using nanoFramework.Hardware.Esp32;

namespace EdgeDevices.Apps.AirQuality
{
    /// <summary>
    /// The air-quality node. Every telemetry interval it runs one sampling cycle: wake the particle sensor,
    /// let it warm up, take the configured number of particle and climate samples, average them without
    /// their extremes, and publish one reading; between cycles the particle sensor sleeps when there is
    /// time for it. A sensor that stops answering raises a sensor-fault event (cleared when it is back),
    /// and the reading goes out without its values, flagged.
    /// </summary>
    public sealed class AirQualityApp : ICommandHandler, IDeviceApp
    {
        /// <summary>Sensor id of the climate sensor in sensor-fault events.</summary>
        public const int ClimateSensorId = 1;

        /// <summary>Sensor id of the particle sensor in sensor-fault events.</summary>
        public const int ParticleSensorId = 2;

        private const int ExtraCycleTimeMs = 20000;
        private const int SleepMarginMs = 10000;

        private readonly DeviceContext _context;
        private bool _climateFault;
        private bool _particleFault;

        /// <summary>An app running in <paramref name="context"/>.</summary>
        public AirQualityApp(DeviceContext context)
        {
            _context = context;
        }

        /// <summary>Boots and runs the node (never returns).</summary>
        public void Run()
        {
            DeviceRuntime runtime = DeviceRuntime.Boot(_context, DeviceRole.AirQuality);
            DeviceConfig config = runtime.Config;
            IClock clock = runtime.Clock;
            AirQualitySettings settings = config.AirQuality;

            Configuration.SetPinFunction(runtime.Pins.I2cDataPin, runtime.Pins.I2cBusId == 2 ? DeviceFunction.I2C2_DATA : DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(runtime.Pins.I2cClockPin, runtime.Pins.I2cBusId == 2 ? DeviceFunction.I2C2_CLOCK : DeviceFunction.I2C1_CLOCK);
            ClimateSensor climate = new ClimateSensor(settings.Climate, runtime.Pins.I2cBusId, runtime.Log);
            ParticleSensor particles = new ParticleSensor(settings.Particles, runtime.Pins, runtime.Gpio, clock, runtime.Log);
            AirQualitySampler sampler = new AirQualitySampler(settings.SamplesPerCycle, settings.WarmUpSeconds);
            sampler.ParticleChannels = particles.Channels;
            int watchdog = runtime.Watchdog.Register("sampling");
            runtime.Start(this);

            long interval = config.TelemetryIntervalSeconds * 1000L;
            long cycleLimit = (settings.WarmUpSeconds * 1000L) + (settings.SamplesPerCycle * 2000L) + ExtraCycleTimeMs;
            long nextCycleAt = clock.UptimeMilliseconds;
            bool asleep = false;
            while (true)
            {
                runtime.Watchdog.Feed(watchdog);
                long start = clock.UptimeMilliseconds;
                if (asleep)
                {
                    particles.SetRunning(true);
                    asleep = false;
                }

                sampler.Start(start);
                int climateReadings = 0;
                while (clock.UptimeMilliseconds - start < cycleLimit)
                {
                    runtime.Watchdog.Feed(watchdog);
                    bool particlesDone = !particles.IsFitted || sampler.IsComplete;
                    bool climateDone = !climate.IsFitted || climateReadings >= settings.SamplesPerCycle;
                    if (sampler.IsWarm(clock.UptimeMilliseconds) && particlesDone && climateDone)
                    {
                        break;
                    }

                    if (!particlesDone)
                    {
                        // Waits up to a second for a frame; frames during the warm-up are read and dropped.
                        int pm1;
                        int pm25;
                        int pm10;
                        if (particles.TryRead(out pm1, out pm25, out pm10))
                        {
                            sampler.AddParticles(clock.UptimeMilliseconds, pm1, pm25, pm10);
                        }
                    }
                    else
                    {
                        clock.Sleep(1000);
                    }

                    // One climate sample per particle sample (or per second without a particle sensor).
                    if (!climateDone && sampler.IsWarm(clock.UptimeMilliseconds) && (climateReadings < sampler.ParticleSamples || particlesDone))
                    {
                        int centiCelsius;
                        int centiPercent;
                        int pascal;
                        if (climate.TryRead(out centiCelsius, out centiPercent, out pascal))
                        {
                            sampler.AddClimate(centiCelsius, centiPercent, pascal);
                        }

                        climateReadings++;
                    }
                }

                AirQualityReading reading = sampler.Complete(new AirQualityReading());
                UpdateFault(runtime, ParticleSensorId, particles.IsFitted && sampler.ParticleSamples == 0, ref _particleFault);
                UpdateFault(runtime, ClimateSensorId, climate.IsFitted && (reading.Fields & AirQualityFields.Temperature) == 0, ref _climateFault);
                runtime.Publish(reading);

                nextCycleAt += interval;
                long now = clock.UptimeMilliseconds;
                if (nextCycleAt < now)
                {
                    nextCycleAt = now;
                }

                // Sleep the particle sensor when the gap is longer than its warm-up.
                if (particles.IsFitted && nextCycleAt - now > (settings.WarmUpSeconds * 1000L) + SleepMarginMs)
                {
                    particles.SetRunning(false);
                    asleep = true;
                }

                while (clock.UptimeMilliseconds < nextCycleAt)
                {
                    runtime.Watchdog.Feed(watchdog);
                    long left = nextCycleAt - clock.UptimeMilliseconds;
                    clock.Sleep(left > 10000 ? 10000 : (int)left);
                }
            }
        }

        /// <inheritdoc />
        public AckResult Handle(DeviceCommand command)
        {
            return AckResult.Unsupported;
        }

        private static void UpdateFault(DeviceRuntime runtime, int sensorId, bool failing, ref bool raised)
        {
            if (failing == raised)
            {
                return;
            }

            raised = failing;
            runtime.Log.Warn("sensor " + sensorId.ToString() + (failing ? " not answering" : " back"));
            runtime.RaiseEvent(EventCode.SensorFault, failing, EventSeverity.Warning, sensorId);
        }
    }
}
