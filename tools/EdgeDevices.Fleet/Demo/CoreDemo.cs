using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;
using EdgeDevices.Hardware.Emulation.Storage;
using EdgeDevices.Hardware.Emulation.Timing;
using Spectre.Console;

namespace EdgeDevices.Fleet.Demo;

/// <summary>
/// A guided run of the firmware core, as an air-quality node would use it: stamp readings, encode them
/// both ways, keep them in the flash outbox through a broker outage and a power cut, then deliver.
/// Everything runs on a virtual clock and emulated flash, so it finishes at once (<c>edgefleet demo</c>).
/// </summary>
public static class CoreDemo
{
    /// <summary>Runs the demonstration, printing to <paramref name="console"/>; the readings come from <paramref name="seed"/>.</summary>
    public static int Run(IAnsiConsole console, int seed)
    {
        var random = new Random(seed);
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 5, 0, 0, DateTimeKind.Utc));
        var flash = new EmulatedFlash(PersistentBootCounter.StorageSize + Outbox.SlotsStart + 8 * 40);
        var bootIds = new PersistentBootCounter(new Window(flash, 0, PersistentBootCounter.StorageSize), 0);
        var outboxFlash = new Window(flash, PersistentBootCounter.StorageSize, flash.Length - PersistentBootCounter.StorageSize);
        var stamper = new MessageStamper(bootIds, clock);
        var outbox = new Outbox(outboxFlash, 40);

        console.Write(new Rule("[bold]1. Readings in both wire forms[/]").LeftJustified());
        var table = new Table().AddColumns("boot/seq", "time (UTC)", "PM2.5", "T °C", "RH %", "JSON bytes", "compact bytes");
        byte[]? example = null;
        for (var i = 0; i < 3; i++)
        {
            var reading = Reading(random);
            stamper.Stamp(reading);
            var compact = CompactCodec.Encode(reading);
            table.AddRow(
                $"{reading.BootId}/{reading.Sequence}", UnixTime.ToDateTime(reading.Timestamp).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), reading.Pm25.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Fixed(reading.TemperatureCentiCelsius), Fixed(reading.HumidityCentiPercent),
                JsonCodec.EncodeUtf8(reading).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), compact.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            example ??= compact;
            outbox.Enqueue(compact, 0, compact.Length);
            clock.Advance(60_000);
        }

        console.Write(table);
        console.MarkupLine($"first reading, compact: [blue]{Convert.ToHexString(example!)}[/] (decode it with: edgewire decode {Convert.ToHexString(example!)})");
        console.WriteLine();

        console.Write(new Rule("[bold]2. Broker outage: the outbox keeps the newest records[/]").LeftJustified());
        for (var i = 0; i < 9; i++)
        {
            var compact = CompactCodec.Encode(stamper.Stamp(Reading(random)));
            outbox.Enqueue(compact, 0, compact.Length);
            clock.Advance(60_000);
        }

        console.MarkupLine($"12 readings taken, outbox capacity {outbox.Capacity}: [yellow]{outbox.Count} waiting, {outbox.Drops} oldest dropped and counted[/]");
        console.WriteLine();

        console.Write(new Rule("[bold]3. Power cut in the middle of writing a record[/]").LeftJustified());
        flash.CutPowerAfter(7);
        try
        {
            var compact = CompactCodec.Encode(stamper.Stamp(Reading(random)));
            outbox.Enqueue(compact, 0, compact.Length);
        }
        catch (PowerLossException)
        {
            console.MarkupLine("[red]power lost[/] 7 bytes into the write");
        }

        flash.PowerOn();
        stamper = new MessageStamper(bootIds, clock);
        outbox = new Outbox(outboxFlash, 40);
        console.MarkupLine($"reboot: boot id {stamper.BootId}, outbox reopened with [green]{outbox.Count} intact records[/], {outbox.CorruptRecordsSkipped} torn record skipped, drop count {outbox.Drops} kept");
        console.WriteLine();

        console.Write(new Rule("[bold]4. Broker back: deliver in order, remove only on acknowledgement[/]").LeftJustified());
        var delivered = new Table().AddColumns("record", "boot/seq", "type", "PM2.5");
        var buffer = new byte[64];
        for (var id = outbox.FirstPending(); id != 0; id = outbox.NextPending(id))
        {
            var length = outbox.Read(id, buffer, 0);
            var message = (AirQualityReading)CompactCodec.Decode(buffer, 0, length);
            delivered.AddRow(id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{message.BootId}/{message.Sequence}", "airQuality", message.Pm25.ToString(System.Globalization.CultureInfo.InvariantCulture));
            outbox.Acknowledge(id);
        }

        console.Write(delivered);
        console.MarkupLine($"outbox now holds [green]{outbox.Count}[/] records");
        console.WriteLine();

        console.Write(new Rule("[bold]5. A technician's config file with mistakes[/]").LeftJustified());
        var result = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "AQ 7", "role": "airquality", "board": "esp32-devkitc-airquality",
              "mqtt": { "host": "gateway.local", "port": 18830, "password": "short" }, "telemetryIntervalSecond": 60 }
            """);
        foreach (var error in result.Errors)
        {
            console.MarkupLineInterpolated($"[red]{error.Field}[/]: {error.Message}");
        }

        return 0;
    }

    // "21.50" from 2150, as the JSON form writes it.
    private static string Fixed(long centi)
    {
        var text = new System.Text.StringBuilder();
        EdgeDevices.Firmware.Json.NumberText.AppendScaled(text, centi, 2);
        return text.ToString();
    }

    private static AirQualityReading Reading(Random random)
    {
        var pm25 = (ushort)random.Next(3, 60);
        return new AirQualityReading
        {
            Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
            Pm1 = (ushort)(pm25 * 2 / 3), Pm25 = pm25, Pm10 = (ushort)(pm25 * 3 / 2),
            TemperatureCentiCelsius = random.Next(-2500, -1500), HumidityCentiPercent = random.Next(6000, 8500),
            PressurePascal = random.Next(99_000, 103_000),
        };
    }

    /// <summary>A part of a larger flash region, so the boot counter and the outbox share one emulated chip.</summary>
    private sealed class Window(IFlashStorage inner, int start, int length) : IFlashStorage
    {
        public int Length => length;

        public void Read(int position, byte[] buffer, int offset, int count) => inner.Read(start + position, buffer, offset, count);

        public void Write(int position, byte[] buffer, int offset, int count) => inner.Write(start + position, buffer, offset, count);

        public void Flush() => inner.Flush();
    }
}
