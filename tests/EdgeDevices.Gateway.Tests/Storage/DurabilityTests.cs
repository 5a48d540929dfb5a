using System.Collections.Concurrent;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>What the gateway promises about acknowledged readings, tested on a real process.</summary>
[Trait("Category", "Integration")]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Kill_9_during_ingest_loses_no_acknowledged_reading()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-kill-").FullName;
        var port = TestGateway.FreePort();
        var database = new BufferDatabase(state, "full");
        var registry = new DeviceRegistry(database, TimeProvider.System);
        const int Devices = 20;
        for (var d = 0; d < Devices; d++)
        {
            registry.Register($"m-{d:D4}", "device-password-1");
        }

        string[] Arguments(int httpPort) => ["--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={port}", "--set", $"http:urls=http://127.0.0.1:{httpPort}"];
        var acknowledged = new ConcurrentBag<(string Device, int Sequence)>();
        using (var gateway = GatewayProcess.Start(Arguments(TestGateway.FreePort())))
        {
            Assert.True(gateway.WaitForOutput("MQTT broker listening"), gateway.Output);
            using var stop = new CancellationTokenSource();
            var publishers = Enumerable.Range(0, Devices).Select(d => Task.Run(async () =>
            {
                var id = $"m-{d:D4}";
                await using var device = await TestDevice.ConnectAsync(port, id, "device-password-1");
                for (var seq = 0; !stop.IsCancellationRequested; seq++)
                {
                    try
                    {
                        var ack = await device.PublishAsync(Readings.Meter(seq, seq * 10));
                        if (ack.IsSuccess)
                        {
                            acknowledged.Add((id, seq));
                        }
                    }
                    catch (Exception)
                    {
                        return; // the gateway is gone
                    }
                }
            })).ToList();

            // Killed in the middle of ingest: once enough is acknowledged to judge by (counted, not timed).
            await Eventually.TrueAsync(() => acknowledged.Count > 300, state: () => gateway.Output);
            gateway.Kill();
            stop.Cancel();
            await Task.WhenAll(publishers);
        }

        Assert.True(acknowledged.Count > 200, $"only {acknowledged.Count} readings were acknowledged before the kill");

        // Restarted on the same state, it holds every acknowledged reading.
        using (var restarted = GatewayProcess.Start(Arguments(TestGateway.FreePort())))
        {
            Assert.True(restarted.WaitForOutput("MQTT broker listening"), restarted.Output);
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id, seq FROM readings";
            var stored = new HashSet<(string, int)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored.Add((reader.GetString(0), reader.GetInt32(1)));
                }
            }

            var lost = acknowledged.Where(a => !stored.Contains(a)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged readings lost, e.g. {string.Join(", ", lost.Take(5))}");
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_platform_outage_with_100k_buffered_readings_is_delivered_in_per_device_order()
    {
        using var platform = MosquittoBroker.Start();
        using var relay = new TcpRelay(platform.EndPoint, open: false);
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        await using var gateway = await TestGateway.StartAsync(TestGateway.WithMqttSink(relay.Port, new()
        {
            ["sinks:mqtt:batchSize"] = "500",
            ["sinks:replayRatePerSecond"] = "20000",
            ["storage:synchronous"] = "normal",
        }));

        const int Devices = 200;
        const int PerDevice = 500;
        await Task.WhenAll(Enumerable.Range(0, Devices).Select(d => Task.Run(async () =>
        {
            await using var device = await gateway.DeviceAsync($"m-{d:D4}");
            var inFlight = new List<Task>();
            for (var seq = 0; seq < PerDevice; seq++)
            {
                inFlight.Add(device.PublishAsync(Readings.Meter(seq, seq * 10)));
            }

            await Task.WhenAll(inFlight);
        })));
        Assert.Equal(Devices * PerDevice, gateway.Store.Count(Lane.Bulk));
        Assert.Equal(Devices * PerDevice, gateway.Store.Lag("mqtt"));

        relay.Restore();
        Eventually.True(() => { lock (received) { return received.Count >= Devices * PerDevice; } }, () => $"{received.Count} delivered");

        List<(string Topic, string Payload, bool Retained)> snapshot;
        lock (received)
        {
            snapshot = [.. received];
        }

        foreach (var device in snapshot.GroupBy(r => r.Topic))
        {
            var sequences = device.Select(r => (int)JsonCodec.Decode(r.Payload).Sequence).Distinct().ToList();
            Assert.Equal(Enumerable.Range(0, PerDevice), sequences);
        }

        Assert.Equal(Devices, snapshot.Select(r => r.Topic).Distinct().Count());
    }
}
