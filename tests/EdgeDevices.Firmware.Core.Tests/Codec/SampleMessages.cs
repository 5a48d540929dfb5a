using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Codec;

/// <summary>One message of every type, with values both codecs represent exactly.</summary>
internal static class SampleMessages
{
    // 2026-11-24T10:15:00Z: a whole minute, so the compact form keeps it exactly.
    public const uint Time = 1795515300;

    public static TheoryData<string> Names() => new(All().Select(m => m.GetType().Name));

    public static Message ByName(string name) => All().Single(m => m.GetType().Name == name);

    public static IEnumerable<Message> All()
    {
        yield return Stamp(new HealthReport
        {
            FreeHeapBytes = 71234, UptimeSeconds = 86400 * 3 + 17, Rssi = -67, ResetReason = ResetReason.Watchdog,
            FirmwareMajor = 1, FirmwareMinor = 4, FirmwarePatch = 302, OutboxDepth = 12, OutboxDrops = 3,
        });
        yield return Stamp(new AirQualityReading
        {
            Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
            Pm1 = 7, Pm25 = 12, Pm10 = 19, TemperatureCentiCelsius = 2150, HumidityCentiPercent = 4500, PressurePascal = 101320,
            Flags = AirQualityFlags.HumidityHigh,
        });
        yield return Stamp(new LampStatus
        {
            Level = 60, RelayOn = true, HasPower = true, PowerDeciWatt = 455, Faults = LampFaults.PowerTooLow | LampFaults.DimmingFailure,
            Source = ControlSource.Override,
        });
        yield return Stamp(new LampEnergy { EnergyWattHours = 1_234_567, BurnMinutes = 98_765, SwitchOnCount = 4321 });
        yield return Stamp(new MeterReading { Medium = MeterMedium.Water, Channel = 2, TotalMilli = 123_456_789 });
        yield return Stamp(new DeviceEvent { Code = EventCode.LampFailure, Raised = true, Severity = EventSeverity.Alarm, Value = -1234 });
        yield return Stamp(new CommandAck { CommandId = 40001, Result = AckResult.AuthenticationFailed });
        yield return Stamp(new UpdateStatus { Phase = UpdatePhase.RolledBack, Reason = EdgeDevices.Firmware.Update.UpdateVerdict.NotHealthy, Major = 1, Minor = 12, Patch = 3001 });
        yield return Stamp(new DeviceCommand
        {
            CommandId = 40001, Kind = CommandKind.SetOverride, Level = 30, DurationMinutes = 90, Counter = 3_000_000_001, ExpiresAt = Time + 600,
            Mac = [0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04],
        });
    }

    private static Message Stamp(Message m)
    {
        m.BootId = 513;
        m.Sequence = 65000;
        m.Timestamp = Time;
        return m;
    }
}
