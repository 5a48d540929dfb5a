using System.Diagnostics;
using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Bench;

/// <summary>
/// The firmware core on the host: bytes allocated per operation in steady state (the device heap is about
/// 100 KB, so the goal is zero where the design promises it), and the encoded sizes of one reading in the
/// compact form against the JSON form and Cayenne LPP for the same values.
/// </summary>
public static class FirmwareCoreBenchmark
{
    private const int Iterations = 20_000;

    public static IReadOnlyList<Figure> Run()
    {
        var reading = new AirQualityReading
        {
            BootId = 3, Sequence = 42, Timestamp = 1_795_515_300,
            Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
            Pm1 = 7, Pm25 = 12, Pm10 = 19, TemperatureCentiCelsius = -1250, HumidityCentiPercent = 6300, PressurePascal = 97_300,
        };
        var buffer = new byte[CompactCodec.MaxMessageSize];
        var compactBytes = Allocated(() => CompactCodec.Encode(reading, buffer, 0));
        var jsonBytes = Allocated(() => JsonCodec.EncodeUtf8(reading));

        var frame = new byte[32];
        var pms = new Pms5003Frame();
        pms.WriteTo(frame, 0);
        var sampleBytes = Allocated(() => pms.ReadFrom(frame, 0));

        var parsed = ScheduleJson.Parse("""{ "version": 1, "defaultProgram": 1, "programs": [ { "id": 1, "activeFrom": "sunset-10", "activeUntil": "sunrise+10", "steps": [ { "at": "23:00", "level": 70 }, { "at": "01:00", "level": 50 } ] } ] }""");
        var evaluator = new ScheduleEvaluator(parsed.Schedule, new SolarClock(51.17, 71.43, 300));
        var decision = new ScheduleDecision();
        var t = new DateTime(2026, 12, 21, 18, 0, 0, DateTimeKind.Utc);
        var scheduleBytes = Allocated(() =>
        {
            evaluator.Evaluate(t, null, decision);
            t = t.AddSeconds(5);
        });

        var compactSize = CompactCodec.SizeOf(MessageType.AirQuality);
        var jsonSize = JsonCodec.EncodeUtf8(reading).Length;
        // Cayenne LPP for the same values: 3 × analog input (PM1, PM2.5, PM10; 2+2 bytes), temperature (2+2),
        // humidity (2+1), barometer (2+2) — and no boot id, sequence or time, which LPP has no place for.
        const int LppSize = (3 * 4) + 4 + 3 + 4;
        return
        [
            new Figure("firmware core", "bytes allocated per compact encode", compactBytes, "B", "JSON encode", jsonBytes),
            new Figure("firmware core", "bytes allocated per PMS5003 frame read", sampleBytes, "B", "JSON encode", jsonBytes),
            new Figure("firmware core", "bytes allocated per schedule evaluation", scheduleBytes, "B", "JSON encode", jsonBytes),
            new Figure("wire size", "air-quality reading, compact form", compactSize, "B", "JSON form", jsonSize),
            new Figure("wire size", "air-quality reading, compact form", compactSize, "B", "Cayenne LPP (no identity, no time)", LppSize),
        ];
    }

    // Average bytes allocated per call on this thread, after a warm-up.
    private static double Allocated(Action action)
    {
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Iterations;
    }
}
