using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>Plausible device messages for tests.</summary>
internal static class Readings
{
    public static uint Now => (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static MeterReading Meter(int sequence, long totalMilli, ushort boot = 1, MeterMedium medium = MeterMedium.Water) => new()
    {
        BootId = boot,
        Sequence = (ushort)sequence,
        Timestamp = Now,
        Medium = medium,
        Channel = 0,
        TotalMilli = totalMilli,
    };

    public static AirQualityReading AirQuality(int sequence, int pm25 = 12, ushort boot = 1) => new()
    {
        BootId = boot,
        Sequence = (ushort)sequence,
        Timestamp = Now,
        Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
        Pm1 = 7,
        Pm25 = (ushort)pm25,
        Pm10 = 19,
        TemperatureCentiCelsius = -1250,
        HumidityCentiPercent = 6300,
        PressurePascal = 97_300,
    };

    public static LampStatus Lamp(int sequence, byte level = 70, LampFaults faults = LampFaults.None, ushort boot = 1) => new()
    {
        BootId = boot,
        Sequence = (ushort)sequence,
        Timestamp = Now,
        Level = level,
        RelayOn = level > 0,
        HasPower = true,
        PowerDeciWatt = 700,
        Faults = faults,
        Source = ControlSource.Schedule,
    };

    public static DeviceEvent Alarm(int sequence, EventCode code = EventCode.LampFailure) => new()
    {
        BootId = 1,
        Sequence = (ushort)sequence,
        Timestamp = Now,
        Code = code,
        Raised = true,
        Severity = EventSeverity.Alarm,
        Value = 12,
    };
}
