using EdgeDevices.Firmware.Device.Boot;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Storage;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Tests;

public sealed class BootTests
{
    [Fact]
    public void The_reset_reason_noted_before_a_restart_is_read_once()
    {
        var files = new MemoryFiles();
        var store = new ResetReasonStore(files);
        store.Record(ResetReason.Watchdog);
        Assert.Equal(ResetReason.Watchdog, store.ReadAndClear(wokeFromDeepSleep: false));
        Assert.Equal(ResetReason.PowerOn, store.ReadAndClear(wokeFromDeepSleep: false));
        Assert.Equal(ResetReason.DeepSleep, store.ReadAndClear(wokeFromDeepSleep: true));
        files.WriteText("reset-reason", "garbage");
        Assert.Equal(ResetReason.PowerOn, store.ReadAndClear(wokeFromDeepSleep: false));
    }

    [Fact]
    public void A_missing_or_invalid_config_is_logged_field_by_field_and_refused()
    {
        var files = new MemoryFiles();
        var lines = new List<string>();
        var log = new DeviceLog(new SystemClock(), new ListSink(lines));
        Assert.Null(ConfigLoader.Load(files, log));
        Assert.Contains(lines, l => l.Contains("no config.json", StringComparison.Ordinal));

        files.WriteText("config.json", """{ "version": 1, "deviceId": "Bad Id", "role": "meter", "board": "esp32-devkitc-meter", "mqtt": { "host": "gw", "password": "short" } }""");
        Assert.Null(ConfigLoader.Load(files, log));
        Assert.Contains(lines, l => l.Contains("deviceId", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mqtt.password", StringComparison.Ordinal));
    }

    [Fact]
    public void Flash_text_files_are_replaced_whole_and_a_pending_one_is_recovered()
    {
        var root = Directory.CreateTempSubdirectory("edgedevices-flash-").FullName + Path.DirectorySeparatorChar;
        try
        {
            var files = new InternalFlashFiles(root);
            files.WriteText("schedule.json", "v1");
            files.WriteText("schedule.json", "v2");
            Assert.Equal("v2", files.ReadText("schedule.json"));

            // A power cut between deleting the old file and renaming the new one leaves only the new one.
            File.Delete(root + "schedule.json");
            File.WriteAllText(root + "schedule.json.new", "v3");
            Assert.Equal("v3", files.ReadText("schedule.json"));

            var region = files.OpenRegion("outbox", 128);
            Assert.Equal(128, region.Length);
            region.Write(10, [1, 2, 3], 0, 3);
            ((IDisposable)region).Dispose();
            var again = new byte[3];
            var reopened = files.OpenRegion("outbox", 128);
            reopened.Read(10, again, 0, 3);
            ((IDisposable)reopened).Dispose();
            Assert.Equal([1, 2, 3], again);
            files.Delete("schedule.json");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class ListSink(List<string> lines) : ILogSink
    {
        public void Write(string line) => lines.Add(line);
    }
}
