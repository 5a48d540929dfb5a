using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Bench;

/// <summary>
/// Device→sink latency at a steady 1,000 readings per second: 100 devices each publishing 10 readings a
/// second (QoS 1) into the gateway, whose MQTT sink forwards to mosquitto, where a platform subscriber
/// notes each reading's arrival. Latency is arrival minus the moment the device started its publish: the
/// gateway's group commit (fsync), acknowledgement, and the sink's read and forward. Reference, same run:
/// the same devices publishing straight into mosquitto with the same subscriber (the broker's own
/// latency, no storage).
/// </summary>
public static class LatencyBenchmark
{
    private const int Devices = 100;
    private const int PerDevicePerSecond = 10;

    public static async Task<IReadOnlyList<Figure>> RunAsync(int seconds)
    {
        using var platform = MosquittoBroker.Start();
        var gateway = await ThroughGatewayAsync(platform, seconds);
        var direct = await DirectAsync(platform, seconds);
        var label = $"{Devices * PerDevicePerSecond:N0} readings/s for {seconds} s";
        return
        [
            new Figure("latency", $"device→sink p50 ({label})", gateway.P50, "ms", "device→mosquitto subscriber p50", direct.P50),
            new Figure("latency", $"device→sink p99 ({label})", gateway.P99, "ms", "device→mosquitto subscriber p99", direct.P99),
        ];
    }

    private static async Task<(double P50, double P99)> ThroughGatewayAsync(MosquittoBroker platform, int seconds)
    {
        var state = Directory.CreateTempSubdirectory("edgebench-latency-").FullName;
        var (app, port) = BenchGateway.Build(state, new Dictionary<string, string?>
        {
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = platform.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sinks:replayRatePerSecond"] = "100000",
        });
        await using (app)
        {
            await app.StartAsync();
            var registry = app.Services.GetRequiredService<DeviceRegistry>();
            for (var i = 0; i < Devices; i++)
            {
                registry.Register($"aq-{i:D4}", "bench-password-1");
            }

            var result = await MeasureAsync(port, platform.Port, "city/edge/#", seconds, credentials: true);
            await app.StopAsync();
            Directory.Delete(state, recursive: true);
            return result;
        }
    }

    private static Task<(double P50, double P99)> DirectAsync(MosquittoBroker platform, int seconds) =>
        MeasureAsync(platform.Port, platform.Port, MqttTopics.Root + "/#", seconds, credentials: false);

    private static async Task<(double P50, double P99)> MeasureAsync(int devicePort, int platformPort, string filter, int seconds, bool credentials)
    {
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<(string, ushort), double>();
        var latencies = new ConcurrentBag<double>();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            var arrived = clock.Elapsed.TotalMilliseconds;
            var device = e.ApplicationMessage.Topic.Split('/')[^2];
            var message = JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString());
            if (sent.TryRemove((device, message.Sequence), out var at))
            {
                latencies.Add(arrived - at);
            }

            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", platformPort).WithClientId("bench-platform-" + Guid.NewGuid().ToString("N")[..6]).WithCleanSession().Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var clients = new List<IMqttClient>();
        for (var i = 0; i < Devices; i++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", devicePort).WithClientId($"aq-{i:D4}");
            if (credentials)
            {
                builder = builder.WithCredentials($"aq-{i:D4}", "bench-password-1");
            }

            await client.ConnectAsync(builder.Build());
            clients.Add(client);
        }

        // Each device on its own 100 ms beat, the beats spread over the period: a steady 1,000/s in total.
        var start = clock.Elapsed.TotalMilliseconds + 200;
        var period = 1000.0 / PerDevicePerSecond;
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var device = $"aq-{i:D4}";
            var topic = MqttTopics.For(device, MqttTopics.Telemetry);
            for (var s = 0; s < seconds * PerDevicePerSecond; s++)
            {
                var due = start + (s * period) + (i * period / Devices);
                var wait = due - clock.Elapsed.TotalMilliseconds;
                if (wait > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                }

                var reading = Reading((ushort)s);
                sent[(device, reading.Sequence)] = clock.Elapsed.TotalMilliseconds;
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(JsonCodec.EncodeUtf8(reading))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
        })));
        SpinWait.SpinUntil(() => sent.IsEmpty, 30_000);
        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }

        if (!sent.IsEmpty)
        {
            throw new InvalidOperationException($"{sent.Count} readings never reached the subscriber");
        }

        var sorted = latencies.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    private static AirQualityReading Reading(ushort sequence) => new()
    {
        BootId = 1,
        Sequence = sequence,
        Timestamp = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Fields = AirQualityFields.Particulates,
        Pm1 = 7,
        Pm25 = 12,
        Pm10 = 19,
    };
}
