using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>Device → gateway → each sink, against real servers.</summary>
[Trait("Category", "Integration")]
public sealed class SinkTests
{
    [Fact]
    public async Task Readings_reach_the_platform_broker_in_order_with_state_retained()
    {
        using var platform = MosquittoBroker.Start();
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        await using var gateway = await TestGateway.StartAsync(TestGateway.WithMqttSink(platform.Port));
        await using var light = await gateway.DeviceAsync("sl-0007");
        for (var i = 0; i < 10; i++)
        {
            await light.PublishAsync(Readings.Lamp(i, (byte)(10 * i)));
        }

        Eventually.True(() => { lock (received) { return received.Count == 10; } }, () => "platform did not get all ten");
        lock (received)
        {
            Assert.All(received, r => Assert.Equal("city/edge/sl-0007/state", r.Topic));
            Assert.Equal(Enumerable.Range(0, 10), received.Select(r => (int)JsonCodec.Decode(r.Payload).Sequence));
        }

        // The cursor moves once the platform broker has acknowledged the batch.
        Eventually.True(() => gateway.Store.Lag("mqtt") == 0);
    }

    [Fact]
    public async Task Readings_reach_jetstream_once_even_when_a_batch_is_sent_again()
    {
        using var nats = NatsServer.Start();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["sinks:nats:enabled"] = "true",
            ["sinks:nats:url"] = nats.Url,
        });
        // An air-quality node: a household meter would leave under its pseudonym (see PrivacyTests).
        await using var node = await gateway.DeviceAsync("aq-0004");
        for (var i = 0; i < 25; i++)
        {
            await node.PublishAsync(Readings.AirQuality(i));
        }

        await using var client = new NatsClient(nats.Url);
        var js = client.CreateJetStreamContext();
        await Eventually.TrueAsync(async () => await StreamMessagesAsync(js) == 25);

        // Send the same batch again, as a sink does after a failure it could not tell from a loss.
        var sink = new EdgeDevices.Gateway.Northbound.NatsJetStreamSink(new EdgeDevices.Gateway.Configuration.NatsSinkOptions { Enabled = true, Url = nats.Url }, "test");
        Assert.Empty(await sink.DeliverAsync(gateway.Store.Read(Lane.Bulk, 0, 100), CancellationToken.None));
        await sink.DisposeAsync();
        Assert.Equal(25, (long)(await js.GetStreamAsync("EDGEDEVICES")).Info.State.Messages);

        var consumer = await js.CreateOrUpdateConsumerAsync("EDGEDEVICES", new ConsumerConfig("test") { AckPolicy = ConsumerConfigAckPolicy.None });
        var sequences = new List<int>();
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 25 }))
        {
            Assert.Equal("edge.aq-0004.telemetry", message.Subject);
            sequences.Add(JsonCodec.Decode(Encoding.UTF8.GetString(message.Data!)).Sequence);
        }

        Assert.Equal(Enumerable.Range(0, 25), sequences);
    }

    [Fact]
    public async Task After_a_platform_outage_alarms_go_ahead_of_the_telemetry_backlog()
    {
        using var platform = MosquittoBroker.Start();
        using var relay = new TcpRelay(platform.EndPoint, open: false);
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        await using var gateway = await TestGateway.StartAsync(TestGateway.WithMqttSink(relay.Port, new()
        {
            ["sinks:mqtt:batchSize"] = "50",
        }));
        await using var light = await gateway.DeviceAsync("sl-0009");
        for (var i = 0; i < 300; i++)
        {
            await light.PublishAsync(Readings.Lamp(i));
        }

        await light.PublishAsync(Readings.Alarm(300));
        relay.Restore();
        Eventually.True(() => { lock (received) { return received.Count == 301; } });
        lock (received)
        {
            Assert.Equal("city/edge/sl-0009/events", received[0].Topic);
            Assert.Equal(Enumerable.Range(0, 300), received.Skip(1).Select(r => (int)JsonCodec.Decode(r.Payload).Sequence));
        }
    }

    [Fact]
    public async Task The_replay_after_an_outage_is_held_to_the_rate_limit()
    {
        using var platform = MosquittoBroker.Start();
        using var relay = new TcpRelay(platform.EndPoint, open: false);
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        await using var gateway = await TestGateway.StartAsync(TestGateway.WithMqttSink(relay.Port, new()
        {
            ["sinks:mqtt:batchSize"] = "50",
            ["sinks:replayRatePerSecond"] = "100",
        }));
        await using var meter = await gateway.DeviceAsync("m-0009");
        for (var i = 0; i < 400; i++)
        {
            await meter.PublishAsync(Readings.Meter(i, i));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        relay.Restore();
        Eventually.True(() => { lock (received) { return received.Count == 400; } });

        // A token bucket of 100 per second holding at most 100: 400 readings cannot leave in under 3 s,
        // however the machine is loaded (a slow machine only makes it longer).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"400 readings replayed in {clock.Elapsed}");
        lock (received)
        {
            Assert.Equal(Enumerable.Range(0, 400), received.Select(r => (int)JsonCodec.Decode(r.Payload).Sequence));
        }
    }

    // Messages in the gateway's stream, 0 while the sink has not created it yet.
    private static async Task<long> StreamMessagesAsync(INatsJSContext js)
    {
        try
        {
            return (long)(await js.GetStreamAsync("EDGEDEVICES")).Info.State.Messages;
        }
        catch (NatsJSApiException)
        {
            return 0;
        }
    }
}
