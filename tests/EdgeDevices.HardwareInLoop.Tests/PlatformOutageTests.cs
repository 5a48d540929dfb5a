using System.Diagnostics;
using System.Globalization;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>A day without the city platform, on a virtual clock, with a district's worth of devices (fault injection).</summary>
[Trait("Category", "Integration")]
public sealed class PlatformOutageTests
{
    [Fact]
    public async Task After_a_24_hour_platform_outage_everything_arrives_in_per_device_order_within_the_rate_limit()
    {
        using var platform = MosquittoBroker.Start();
        using var relay = new TcpRelay(platform.EndPoint, open: false);
        var received = new List<(string Topic, string Payload, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var observer = new MqttClientFactory().CreateMqttClient();
        observer.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), clock.Elapsed));
            }

            return Task.CompletedTask;
        };
        await observer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", platform.Port).WithClientId("platform").Build());
        await observer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("city/edge/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        const int Rate = 500;
        await using var bench = await GatewayBench.StartAsync(new DateTime(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc), new Dictionary<string, string?>
        {
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = relay.Port.ToString(CultureInfo.InvariantCulture),
            ["sinks:replayRatePerSecond"] = Rate.ToString(CultureInfo.InvariantCulture),
            ["sinks:retryMaxDelayMs"] = "2000",
        });
        var devices = new List<EmulatedDevice>();
        for (var i = 0; i < 10; i++)
        {
            devices.Add(bench.Add<MeterDevice>(DeviceRole.Meter, $"m-district-{i:D2}", s => s with { TelemetryIntervalSeconds = 300 }));
            devices.Add(bench.Add<AirQualityDevice>(DeviceRole.AirQuality, $"aq-district-{i:D2}", s => s with { TelemetryIntervalSeconds = 300, WarmUpSeconds = 0, SamplesPerCycle = 1 }));
        }

        // Street lights decide every 5 s, the costliest thing to run for a virtual day: three of them.
        for (var i = 0; i < 3; i++)
        {
            devices.Add(bench.Add<StreetLightDevice>(DeviceRole.StreetLight, $"sl-district-{i:D2}", s => s with { TelemetryIntervalSeconds = 900 }));
        }

        foreach (var device in devices)
        {
            if (device is MeterDevice meter)
            {
                meter.S0[0].SetRate(60);
            }

            device.PowerOn();
        }

        // A whole day with the platform unreachable: everything waits in the buffer.
        bench.RunTo(bench.Clock.UtcNow.AddHours(24), 60_000);
        var buffered = bench.Gateway.Store.Count(Lane.Bulk) + bench.Gateway.Store.Count(Lane.Urgent);
        Assert.True(buffered > 3000, $"only {buffered} readings buffered in a day");
        Assert.Empty(received);

        var restored = clock.Elapsed;
        relay.Restore();
        Eventually.True(() => bench.Gateway.Store.Lag("mqtt") == 0, () => $"{bench.Gateway.Store.Lag("mqtt")} readings still to deliver");
        Eventually.True(() => { lock (received) { return received.Count >= buffered; } });

        List<(string Topic, string Payload, TimeSpan At)> snapshot;
        lock (received)
        {
            snapshot = [.. received];
        }

        // In per-device order on each channel (alarms go ahead of telemetry by design): boot id and sequence only grow.
        foreach (var device in snapshot.GroupBy(r => r.Topic))
        {
            var keys = device.Select(r => JsonCodec.Decode(r.Payload)).Select(m => ((int)m.BootId, (int)m.Sequence)).Distinct().ToList();
            Assert.Equal(keys.Order().ToList(), keys);
        }

        Assert.True(snapshot.Select(r => (r.Topic, r.Payload)).Distinct().Count() >= buffered);

        // Within the rate limit: a token bucket of Rate per second holding at most Rate.
        var replay = snapshot.Max(r => r.At) - restored;
        Assert.True(replay.TotalSeconds >= ((buffered - Rate) / (double)Rate) * 0.9, $"{buffered} readings replayed in {replay.TotalSeconds:F1} s");
        Assert.Empty(bench.Crashes());
    }
}
