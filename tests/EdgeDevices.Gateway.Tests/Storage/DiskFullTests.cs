using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>
/// A disk that fills before the buffer's quota (a small card, other files): telemetry makes room, alarms still
/// get in, and every reading dropped is counted: once with a stand-in disk that reports its free space, and once
/// for real, on a small tmpfs in a mount namespace of its own, with devices publishing as fast as they are acknowledged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DiskFullTests
{
    [Fact]
    public async Task Below_the_free_space_kept_the_oldest_telemetry_goes_and_alarms_stay_and_still_get_in()
    {
        var disk = new Disk();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["storage:minFreeMegabytes"] = "1" },
            configure: s => s.AddSingleton<FreeSpace>(disk));
        await using var node = await gateway.DeviceAsync("aq-0990");
        for (var i = 0; i < 2000; i++)
        {
            Assert.True((await node.PublishAsync(Readings.AirQuality(i))).IsSuccess);
        }

        await using var lamp = await gateway.DeviceAsync("sl-0990");
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await lamp.PublishAsync(Readings.Alarm(i))).IsSuccess);
        }

        var housekeeper = gateway.Services.GetRequiredService<BufferHousekeeper>();
        var telemetry = gateway.Store.Count(Lane.Bulk);
        housekeeper.KeepFreeSpace();
        Assert.Equal(telemetry, gateway.Store.Count(Lane.Bulk));

        // The disk is full: the oldest telemetry is dropped, counted, and no alarm. With the telemetry gone the
        // housekeeper says so as an error (the operator must free space), which is this test's doing.
        gateway.ExpectErrors("no telemetry is left to drop");
        disk.Bytes = 0;
        housekeeper.KeepFreeSpace();
        var dropped = gateway.Store.Counter("dropped_disk_telemetry");
        Assert.True(dropped > 0);
        Assert.Equal(telemetry, gateway.Store.Count(Lane.Bulk) + dropped);
        Assert.Equal(3, gateway.Store.Count(Lane.Urgent));

        // Alarms keep coming in.
        Assert.True((await lamp.PublishAsync(Readings.Alarm(3))).IsSuccess);
        Assert.Equal(4, gateway.Store.Count(Lane.Urgent));
    }

    [Fact]
    public async Task On_a_real_full_tmpfs_alarms_still_get_in_and_every_acknowledged_reading_is_kept_or_counted()
    {
        // A mount namespace of its own needs unprivileged user namespaces (Debian allows them; some container
        // profiles do not): say so plainly rather than fail somewhere later.
        using (var probe = GatewayProcess.Run("unshare", ["--mount", "--map-root-user", "true"]))
        {
            Assert.True(probe.WaitForExit() == 0, "this test mounts a tmpfs in its own namespace (unshare --mount --map-root-user), which this machine refuses: " + probe.Output);
        }

        var work = Directory.CreateTempSubdirectory("edgedevices-tmpfs-").FullName;
        var seed = Path.Combine(work, "seed");
        var registry = new EdgeDevices.Gateway.Southbound.DeviceRegistry(new BufferDatabase(seed, "full"), TimeProvider.System);
        var telemetryDevices = Enumerable.Range(0, 6).Select(i => $"aq-{i:D4}").ToArray();
        var alarmDevices = Enumerable.Range(0, 2).Select(i => $"sl-{i:D4}").ToArray();
        foreach (var id in telemetryDevices.Concat(alarmDevices))
        {
            registry.Register(id, "device-password-1");
        }

        var port = TestGateway.FreePort();
        var outside = Path.Combine(work, "after");
        Directory.CreateDirectory(outside);
        var mountPoint = Path.Combine(work, "disk");
        Directory.CreateDirectory(mountPoint);

        // A 64 MB card of which other files hold 30 MB; the gateway keeps 4 MB free (and 8 MB in reserve). Its state is copied out after it stops.
        var script = $$"""
            set -e
            mount -t tmpfs -o size=64m tmpfs '{{mountPoint}}'
            cp -a '{{seed}}' '{{mountPoint}}/state'
            head -c 30M /dev/zero > '{{mountPoint}}/other-files'
            set +e
            dotnet '{{GatewayProcess.Assembly}}' --set 'stateDirectory={{mountPoint}}/state' --set storage:minFreeMegabytes=4 \
              --set southbound:embedded:port={{port}} --set http:urls=http://127.0.0.1:{{TestGateway.FreePort()}} &
            gateway=$!
            echo $gateway > '{{outside}}/pid'
            (while [ ! -f '{{outside}}/fill' ]; do sleep 0.2; done; head -c 1G /dev/zero > '{{mountPoint}}/burst' 2>/dev/null; echo "another program filled the disk") &
            burst=$!
            wait $gateway
            echo "gateway exited with $?"
            kill $burst 2>/dev/null
            df -k '{{mountPoint}}'
            ls -l '{{mountPoint}}/state'
            cp -a '{{mountPoint}}/state' '{{outside}}/state'
            """;
        using var wrapper = GatewayProcess.Run("unshare", ["--mount", "--map-root-user", "bash", "-c", script]);
        Assert.True(wrapper.WaitForOutput("MQTT broker listening"), wrapper.Output);

        var acknowledgedTelemetry = new System.Collections.Concurrent.ConcurrentBag<(string, int)>();
        var acknowledgedAlarms = new System.Collections.Concurrent.ConcurrentBag<(string, int)>();
        using var stop = new CancellationTokenSource();
        async Task Publish(string id, Func<int, EdgeDevices.Firmware.Messages.Message> message, System.Collections.Concurrent.ConcurrentBag<(string, int)> acknowledged, TimeSpan pause)
        {
            TestDevice? device = null;
            for (var seq = 0; !stop.IsCancellationRequested;)
            {
                try
                {
                    device ??= await TestDevice.ConnectAsync(port, id, "device-password-1");
                    if ((await device.PublishAsync(message(seq))).IsSuccess)
                    {
                        acknowledged.Add((id, seq));
                        seq++;
                    }
                }
                catch (Exception)
                {
                    // Not acknowledged (the disk refused the commit): like a device's outbox, send the same again.
                    await Quietly(device);
                    device = null;
                    await Task.Delay(200);
                }

                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause);
                }
            }

            await Quietly(device);
        }

        var publishers = telemetryDevices.Select(id => Task.Run(() => Publish(id, seq => Readings.AirQuality(seq), acknowledgedTelemetry, TimeSpan.Zero)))
            .Concat(alarmDevices.Select(id => Task.Run(() => Publish(id, seq => Readings.Alarm(seq), acknowledgedAlarms, TimeSpan.FromMilliseconds(20)))))
            .ToList();
        // First the buffer reaches the watermark and makes room, alarms getting in meanwhile; then another program
        // takes every byte left (the burst no periodic check can see coming), and the gateway must give up its
        // reserve to make room again.
        int Evictions() => System.Text.RegularExpressions.Regex.Count(wrapper.Output, "oldest telemetry readings so alarms still get in");
        bool Until(Func<bool> condition)
        {
            Eventually.True(() => condition() || wrapper.HasExited, () => wrapper.Output);
            return !wrapper.HasExited;
        }

        var atWatermark = Until(() => Evictions() >= 2);
        var alarmsThen = acknowledgedAlarms.Count;
        var alarmsAtWatermark = atWatermark && Until(() => acknowledgedAlarms.Count >= alarmsThen + 100);
        File.WriteAllText(Path.Combine(outside, "fill"), "now");
        var gaveUpReserve = alarmsAtWatermark && Until(() => wrapper.Output.Contains("gave up the 8 MB set aside", StringComparison.Ordinal));
        alarmsThen = acknowledgedAlarms.Count;
        var alarmsAfterFull = gaveUpReserve && Until(() => acknowledgedAlarms.Count >= alarmsThen + 100);
        stop.Cancel();
        await Task.WhenAll(publishers);
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", File.ReadAllText(Path.Combine(outside, "pid")).Trim()]))
        {
            await term.WaitForExitAsync();
        }

        Assert.True(wrapper.WaitForExit(120_000) == 0, wrapper.Output);
        Assert.True(alarmsAfterFull, $"made room at the watermark: {atWatermark}, alarms in then: {alarmsAtWatermark}, reserve given up on a full disk: {gaveUpReserve}, alarms in after: {alarmsAfterFull}\n{wrapper.Output}");
        // Every acknowledged alarm is there; every acknowledged telemetry reading is there or counted as dropped for the disk.
        var database = new BufferDatabase(Path.Combine(outside, "state"), "full");
        using var connection = database.Open();
        var stored = new HashSet<(string, int)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT device_id, seq FROM readings";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        Assert.DoesNotContain(acknowledgedAlarms, a => !stored.Contains(a));
        var missing = acknowledgedTelemetry.Count(t => !stored.Contains(t));
        var dropped = BufferDatabase.Scalar(connection, "SELECT COALESCE((SELECT value FROM counters WHERE name = 'dropped_disk_telemetry'), 0)");
        Assert.True(missing > 0 && missing <= dropped, $"{missing} acknowledged telemetry readings are missing and {dropped} were counted as dropped for the disk");
        Directory.Delete(work, recursive: true);
    }

    private static async Task Quietly(TestDevice? device)
    {
        try
        {
            if (device != null)
            {
                await device.DisposeAsync();
            }
        }
        catch (ObjectDisposedException)
        {
            // MQTTnet's client after its connection broke under it.
        }
    }

    private sealed class Disk : FreeSpace
    {
        public long Bytes { get; set; } = long.MaxValue;

        public override long AvailableBytes(string directory) => Bytes;
    }
}
