using System.Device.Gpio;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Metering;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Apps.Meter
{
    /// <summary>
    /// The utility-meter node: counts each S0 input's pulses into a register kept on flash (at most the
    /// configured number of pulses can be lost to a power cut), reports every channel's total each
    /// telemetry interval, and watches for tampering (a magnet on the meter, pulses faster than the meter
    /// can make) and for leaks (flow in every bucket of the night window). Household meter totals are
    /// personal data: they leave the device only as readings to the gateway, never in logs.
    /// </summary>
    public sealed class MeterApp : ICommandHandler, IDeviceApp
    {
        /// <summary>How often the inputs are polled and the detectors run.</summary>
        public const int PollPeriodMs = 1000;

        private readonly DeviceContext _context;

        /// <summary>An app running in <paramref name="context"/>.</summary>
        public MeterApp(DeviceContext context)
        {
            _context = context;
        }

        /// <summary>Boots and runs the node (never returns).</summary>
        public void Run()
        {
            DeviceRuntime runtime = DeviceRuntime.Boot(_context, DeviceRole.Meter);
            DeviceConfig config = runtime.Config;
            IClock clock = runtime.Clock;
            MeterSettings settings = config.Meter;
            int count = settings.Channels.Length;
            if (count > runtime.Pins.S0Pins.Length)
            {
                runtime.Log.Error("the board has " + runtime.Pins.S0Pins.Length.ToString() + " S0 inputs; extra channels are ignored", null);
                count = runtime.Pins.S0Pins.Length;
            }

            MeterChannel[] channels = new MeterChannel[count];
            S0Input[] inputs = new S0Input[count];
            NightFlowDetector[] night = new NightFlowDetector[count];
            TamperDetector[] tamper = new TamperDetector[count];
            for (int i = 0; i < count; i++)
            {
                MeterChannelSettings channel = settings.Channels[i];
                channels[i] = new MeterChannel(runtime.Files.OpenRegion("meter" + i.ToString(), MeterChannel.StorageSize), 0, channel);
                inputs[i] = new S0Input(runtime.Gpio, clock, runtime.Pins.S0Pins[i], settings.Inputs[i], channel.DebounceMs);
                night[i] = new NightFlowDetector(channel, config.UtcOffsetMinutes);
                tamper[i] = new TamperDetector(channel);
            }

            // The reed contact has an external pull-up (GPIO 34-39 have none): low means a magnet.
            GpioPin magnet = runtime.Pins.MagnetPin >= 0 ? runtime.Gpio.OpenPin(runtime.Pins.MagnetPin, PinMode.Input) : null;
            int watchdog = runtime.Watchdog.Register("metering");
            runtime.Start(this);

            long reportPeriod = config.TelemetryIntervalSeconds * 1000L;
            long nextReportAt = clock.UptimeMilliseconds + reportPeriod;
            while (true)
            {
                runtime.Watchdog.Feed(watchdog);
                long now = clock.UptimeMilliseconds;
                uint unix = UnixTime.ToMessageTime(clock.UtcNow);
                bool magnetPresent = magnet != null && magnet.Read() == PinValue.Low;
                for (int i = 0; i < count; i++)
                {
                    int pulses = inputs[i].Take(now);
                    if (pulses > 0)
                    {
                        channels[i].AddPulses(now, pulses);
                        for (int p = 0; p < pulses; p++)
                        {
                            tamper[i].OnPulse(now);
                        }

                        if (unix != 0)
                        {
                            night[i].OnFlow(unix, channels[i].Settings.MilliPerPulseTimes(pulses));
                        }
                    }

                    tamper[i].Update(now, magnetPresent);
                    if (tamper[i].Raised || tamper[i].Cleared)
                    {
                        runtime.RaiseEvent(EventCode.MeterTamper, tamper[i].Raised, EventSeverity.Alarm, i);
                    }

                    if (unix != 0)
                    {
                        night[i].Evaluate(unix);
                        if (night[i].Raised || night[i].Cleared)
                        {
                            long flow = night[i].NightFlowMilliPerHour;
                            runtime.RaiseEvent(EventCode.MeterLeak, night[i].Raised, EventSeverity.Warning, flow > short.MaxValue ? short.MaxValue : (int)flow);
                        }
                    }
                }

                if (now >= nextReportAt)
                {
                    for (int i = 0; i < count; i++)
                    {
                        runtime.Publish(channels[i].Report(new MeterReading()));
                    }

                    nextReportAt = now + reportPeriod;
                }

                clock.Sleep(PollPeriodMs);
            }
        }

        /// <inheritdoc />
        public AckResult Handle(DeviceCommand command)
        {
            return AckResult.Unsupported;
        }
    }
}
