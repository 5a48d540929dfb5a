using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>Fault injection on a real gateway process, bounded in time (long soaks live in bench/).</summary>
[Trait("Category", "Integration")]
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Fifty_kill_9s_during_ingest_lose_no_acknowledged_reading_on_its_way_to_the_platform()
    {
        using var platform = MosquittoBroker.Start();
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        var state = Directory.CreateTempSubdirectory("edgedevices-kills-").FullName;
        var port = TestGateway.FreePort();
        var registry = new DeviceRegistry(new BufferDatabase(state, "full"), TimeProvider.System);
        const int Devices = 8;
        for (var d = 0; d < Devices; d++)
        {
            registry.Register($"aq-{d:D4}", "device-password-1");
        }

        string[] Arguments(int httpPort) =>
        [
            "--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={port}", "--set", $"http:urls=http://127.0.0.1:{httpPort}",
            "--set", "sinks:mqtt:enabled=true", "--set", "sinks:mqtt:host=127.0.0.1", "--set", $"sinks:mqtt:port={platform.Port}",
        ];
        var acknowledged = new ConcurrentBag<(string Device, int Sequence)>();
        var next = new int[Devices];
        var random = new Random(50);
        for (var round = 0; round < 50; round++)
        {
            using var gateway = GatewayProcess.Start(Arguments(TestGateway.FreePort()));
            Assert.True(gateway.WaitForOutput("MQTT broker listening"), gateway.Output);
            using var stop = new CancellationTokenSource();
            var publishers = Enumerable.Range(0, Devices).Select(d => Task.Run(async () =>
            {
                var id = $"aq-{d:D4}";
                try
                {
                    await using var device = await TestDevice.ConnectAsync(port, id, "device-password-1");
                    while (!stop.IsCancellationRequested)
                    {
                        // As a device's outbox does: the same reading again until it is acknowledged.
                        var sequence = next[d];
                        var ack = await device.PublishAsync(Readings.AirQuality(sequence));
                        if (ack.IsSuccess)
                        {
                            acknowledged.Add((id, sequence));
                            next[d] = sequence + 1;
                        }
                    }
                }
                catch (Exception)
                {
                    // The gateway is gone mid-publish: that reading is resent next round.
                }
            })).ToList();

            // Killed at a random moment of ingest (and of forwarding): after a random number of acknowledgements
            // this round (counted, not timed, so a busy machine changes nothing) and a random moment more.
            var target = acknowledged.Count + random.Next(5, 40);
            await Eventually.TrueAsync(() => acknowledged.Count >= target, state: () => gateway.Output);
            await Task.Delay(random.Next(0, 50));
            gateway.Kill();
            stop.Cancel();
            await Task.WhenAll(publishers);
        }

        Assert.True(acknowledged.Count > 500, $"only {acknowledged.Count} readings acknowledged in 50 rounds");

        // A last, peaceful run forwards what is left; then the platform must have every acknowledged reading.
        var httpPort = TestGateway.FreePort();
        using (var last = GatewayProcess.Start(Arguments(httpPort)))
        {
            Assert.True(last.WaitForOutput("Application started"), last.Output);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            var drained = false;
            for (var i = 0; i < 120 && !drained; i++)
            {
                var health = JsonNode.Parse(await http.GetStringAsync("/healthz"))!;
                drained = health["sinks"]!["mqtt"]!["lag"]!.GetValue<long>() == 0;
                await Task.Delay(500);
            }

            Assert.True(drained, "the platform sink caught up");
        }

        HashSet<(string, int)> keys;
        lock (received)
        {
            keys = [.. received.Select(r => (r.Topic.Split('/')[2], (int)JsonCodec.Decode(r.Payload).Sequence))];
        }

        var missing = acknowledged.Where(a => !keys.Contains(a)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged readings never reached the platform, e.g. {string.Join(", ", missing.Take(5))}");
        // Exactly once by idempotency key: nothing arrives that no device published.
        Assert.All(keys, k => Assert.True(k.Item2 <= next[int.Parse(k.Item1[3..], CultureInfo.InvariantCulture)], $"{k} was never published"));
    }
}
