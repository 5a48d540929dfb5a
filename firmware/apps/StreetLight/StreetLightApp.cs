using System;
using System.Threading;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Energy;
using EdgeDevices.Firmware.Lighting.Monitor;
using EdgeDevices.Firmware.Lighting.Output;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>
    /// The street-light controller. Every few seconds it works out the level from its stored schedule and
    /// the sun (on its own clock, so it keeps lighting the street through any network outage), applies it
    /// to the relay and dim signal, measures the power, judges the lamp's faults, counts energy and burning
    /// hours, and reports status changes, faults and energy through the outbox. Without a set clock (a cold
    /// start with no network) it cannot know whether it is night, so it lights at full level: a lamp
    /// burning by day costs less than a dark street. The gateway can override the level for a while.
    /// </summary>
    public sealed class StreetLightApp : ICommandHandler, IDeviceApp
    {
        /// <summary>How often the controller decides and measures.</summary>
        public const int SamplePeriodMs = 5000;

        /// <summary>How often energy counters are reported.</summary>
        public const int EnergyReportPeriodMs = 15 * 60 * 1000;

        /// <summary>Level while the clock is not set.</summary>
        public const byte NoClockLevel = 100;

        private readonly object _sync = new object();
        private readonly DeviceContext _context;
        private readonly ManualResetEvent _changed = new ManualResetEvent(false);
        private DeviceRuntime _runtime;
        private LampOverride _override;
        private LightingSchedule _schedule;
        private LightingSchedule _nextSchedule;
        private int _lampVersion;
        private LampType _nextLamp;

        /// <summary>An app running in <paramref name="context"/>.</summary>
        public StreetLightApp(DeviceContext context)
        {
            _context = context;
        }

        /// <summary>Boots and runs the controller (never returns).</summary>
        public void Run()
        {
            DeviceRuntime runtime = DeviceRuntime.Boot(_context, DeviceRole.StreetLight);
            _runtime = runtime;
            DeviceConfig config = runtime.Config;
            IClock clock = runtime.Clock;
            LampType lamp = config.Lamp;
            LampParameters sent = LampStore.Load(runtime.Files, runtime.Log);
            if (sent != null)
            {
                lamp = sent.Lamp;
                _lampVersion = sent.Version;
            }

            LuminaireControl luminaire = new LuminaireControl(runtime.Gpio, runtime.Pins);
            int scheduleErrors;
            LightingSchedule schedule = ScheduleStore.Load(runtime.Files, runtime.Log, out scheduleErrors);
            _schedule = schedule;
            SolarClock sun = new SolarClock(config.LatitudeMicroDegrees / 1000000.0, config.LongitudeMicroDegrees / 1000000.0, config.UtcOffsetMinutes);
            ScheduleEvaluator evaluator = new ScheduleEvaluator(schedule, sun);
            LampMonitor monitor = new LampMonitor(lamp, new LampMonitorSettings());
            LampEnergyCounter energy = new LampEnergyCounter(runtime.Files.OpenRegion("energy", LampEnergyCounter.StorageSize), 0);
            int watchdog = runtime.Watchdog.Register("lighting");

            runtime.Start(this);
            if (scheduleErrors > 0)
            {
                runtime.RaiseEvent(EventCode.ConfigInvalid, true, EventSeverity.Warning, scheduleErrors);
            }

            if (!luminaire.HasDimOutput)
            {
                runtime.Log.Error("no PWM channel on the dim pin: the lamp can only switch", null);
            }

            ScheduleDecision decision = new ScheduleDecision();
            OutputCommand command = new OutputCommand();
            LampSample sample = new LampSample();
            LampStatus last = null;
            long nextStatusAt = 0;
            long nextEnergyAt = clock.UptimeMilliseconds + EnergyReportPeriodMs;
            long statusPeriod = config.TelemetryIntervalSeconds * 1000L;

            while (true)
            {
                _changed.Reset();
                runtime.Watchdog.Feed(watchdog);
                long now = clock.UptimeMilliseconds;
                DateTime utc = clock.UtcNow;
                LampOverride lampOverride;
                LightingSchedule received;
                LampType newLamp;
                lock (_sync)
                {
                    lampOverride = _override;
                    received = _nextSchedule;
                    _nextSchedule = null;
                    newLamp = _nextLamp;
                    _nextLamp = null;
                }

                if (newLamp != null)
                {
                    // New parameters: output and fault judgement follow them from this decision on.
                    lamp = newLamp;
                    monitor = new LampMonitor(lamp, new LampMonitorSettings());
                    runtime.Log.Info("lamp parameters version " + _lampVersion.ToString() + " in force: " + lamp.RatedWatts.ToString() + " W");
                }

                if (received != null)
                {
                    evaluator = new ScheduleEvaluator(received, sun);
                    runtime.Log.Info("lighting schedule version " + received.Version.ToString() + " in force");
                }

                if (UnixTime.ToMessageTime(utc) != 0)
                {
                    evaluator.Evaluate(utc, lampOverride, decision);
                }
                else
                {
                    decision.Level = NoClockLevel;
                    decision.Source = ControlSource.Default;
                }

                DimmingOutput.Compute(lamp, decision.Level, command);
                luminaire.Apply(command);
                luminaire.Sample(now, sample);
                monitor.Update(now, command, sample);
                ReportFaults(monitor);
                energy.Sample(now, command.RelayOn, sample.HasPower, sample.PowerDeciWatt);

                LampStatus status = new LampStatus();
                status.Level = decision.Level;
                status.RelayOn = command.RelayOn;
                status.HasPower = sample.HasPower;
                status.PowerDeciWatt = sample.PowerDeciWatt;
                status.Faults = monitor.Active;
                status.Source = decision.Source;
                if (last == null || now >= nextStatusAt || Differs(status, last))
                {
                    runtime.Publish(status);
                    last = status;
                    nextStatusAt = now + statusPeriod;
                }

                if (now >= nextEnergyAt)
                {
                    runtime.Publish(energy.Report(new LampEnergy()));
                    nextEnergyAt = now + EnergyReportPeriodMs;
                }

                clock.WaitFor(_changed, SamplePeriodMs);
            }
        }

        /// <inheritdoc />
        public AckResult Handle(DeviceCommand command)
        {
            if (command.Kind == CommandKind.SetOverride)
            {
                if (command.Level > 100)
                {
                    return AckResult.Invalid;
                }

                DateTime now = _runtime.Clock.UtcNow;
                if (UnixTime.ToMessageTime(now) == 0)
                {
                    // Without a clock an override could never expire.
                    return AckResult.Rejected;
                }

                DateTime expires = command.DurationMinutes == 0 ? DateTime.MaxValue : now.AddMinutes(command.DurationMinutes);
                lock (_sync)
                {
                    _override = new LampOverride(command.Level, expires);
                }

                _changed.Set();
                return AckResult.Ok;
            }

            if (command.Kind == CommandKind.SetSchedule)
            {
                return TakeSchedule(command.Document);
            }

            if (command.Kind == CommandKind.SetLampType)
            {
                return TakeLamp(command.Document);
            }

            if (command.Kind == CommandKind.ClearOverride)
            {
                lock (_sync)
                {
                    _override = null;
                }

                _changed.Set();
                return AckResult.Ok;
            }

            return AckResult.Unsupported;
        }

        // A new schedule from the gateway: checked whole, kept on flash, then in force from the next decision.
        // An older version than the one running is refused (a delayed resend must not roll a street back).
        private AckResult TakeSchedule(string document)
        {
            if (document == null)
            {
                return AckResult.Invalid;
            }

            ScheduleParseResult parsed = ScheduleJson.Parse(document);
            if (!parsed.IsValid)
            {
                _runtime.Log.Warn("refused a schedule: " + parsed.Errors[0].ToString());
                return AckResult.Invalid;
            }

            LightingSchedule current;
            lock (_sync)
            {
                current = _schedule;
            }

            if (current != null && current.Version > 0 && parsed.Schedule.Version < current.Version)
            {
                return AckResult.Rejected;
            }

            if (current != null && current.Version > 0 && parsed.Schedule.Version == current.Version)
            {
                return AckResult.Ok;
            }

            _runtime.Files.WriteText(ScheduleStore.FileName, document);
            lock (_sync)
            {
                _schedule = parsed.Schedule;
                _nextSchedule = parsed.Schedule;
            }

            _changed.Set();
            return AckResult.Ok;
        }

        // New lamp parameters from the gateway: checked whole, kept on flash, then in force from the next
        // decision. An older version than the one running is refused, as for schedules.
        private AckResult TakeLamp(string document)
        {
            if (document == null)
            {
                return AckResult.Invalid;
            }

            EdgeDevices.Firmware.Json.FieldError[] errors;
            LampParameters parameters = LampParameters.Parse(document, out errors);
            if (parameters == null)
            {
                _runtime.Log.Warn("refused lamp parameters: " + errors[0].ToString());
                return AckResult.Invalid;
            }

            lock (_sync)
            {
                if (parameters.Version < _lampVersion)
                {
                    return AckResult.Rejected;
                }

                if (parameters.Version == _lampVersion)
                {
                    return AckResult.Ok;
                }
            }

            _runtime.Files.WriteText(LampStore.FileName, document);
            lock (_sync)
            {
                _lampVersion = parameters.Version;
                _nextLamp = parameters.Lamp;
            }

            _changed.Set();
            return AckResult.Ok;
        }

        private static bool Differs(LampStatus a, LampStatus b)
        {
            return a.Level != b.Level || a.RelayOn != b.RelayOn || a.Faults != b.Faults || a.Source != b.Source;
        }

        private void ReportFaults(LampMonitor monitor)
        {
            int raised = (int)monitor.Raised;
            int cleared = (int)monitor.Cleared;
            if (raised == 0 && cleared == 0)
            {
                return;
            }

            for (int bit = 0; bit < 8; bit++)
            {
                int mask = 1 << bit;
                if ((raised & mask) == 0 && (cleared & mask) == 0)
                {
                    continue;
                }

                EventCode code = (EventCode)(bit + 1);
                _runtime.Log.Warn("lamp fault " + (bit + 1).ToString() + ((raised & mask) != 0 ? " raised" : " cleared"));
                _runtime.RaiseEvent(code, (raised & mask) != 0, SeverityOf((LampFaults)mask), monitor.EvidenceDeciWatt);
            }
        }

        private static EventSeverity SeverityOf(LampFaults fault)
        {
            return fault == LampFaults.LampFailure || fault == LampFaults.RelayFailure || fault == LampFaults.CyclingFailure
                ? EventSeverity.Alarm
                : EventSeverity.Warning;
        }
    }
}
