using System.Text;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Gateway.Storage;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>Fault injection on the scale-out path: a three-node JetStream cluster (Debian's nats-server) losing a node mid-forwarding.</summary>
[Trait("Category", "Integration")]
public sealed class NatsClusterTests
{
    private const int Readings = 600;

    [Fact]
    public async Task Killing_the_stream_leader_of_a_three_node_cluster_while_forwarding_loses_and_duplicates_nothing()
    {
        var nodes = NatsServer.StartCluster(3);
        try
        {
            await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
            {
                ["sinks:nats:enabled"] = "true",
                ["sinks:nats:url"] = string.Join(',', nodes.Select(n => n.Url)),
                ["sinks:nats:replicas"] = "3",
                ["sinks:nats:batchSize"] = "20",
            });
            await using var device = await gateway.DeviceAsync("aq-0100");
            var publishing = Task.Run(async () =>
            {
                for (var i = 0; i < Readings; i++)
                {
                    await device.PublishAsync(Harness.Readings.AirQuality(i));
                    await Task.Delay(3);
                }
            });

            // Once part of it is through, the node that leads the stream dies as a power cut would take it.
            await using var watcher = new NatsClient(string.Join(',', nodes.Select(n => n.Url)));
            var js = watcher.CreateJetStreamContext();
            await Eventually.TrueAsync(async () => await MessagesAsync(js) >= Readings / 4, "forwarding started");
            var leader = (await js.GetStreamAsync("EDGEDEVICES")).Info.Cluster!.Leader!;
            var victim = nodes[int.Parse(leader["edge-".Length..], System.Globalization.CultureInfo.InvariantCulture)];
            victim.Kill();
            Assert.False(victim.IsRunning);
            await publishing;

            // Forwarding resumes on the two survivors; the buffer drains completely.
            await Eventually.TrueAsync(() => gateway.Store.Lag("nats") == 0, state: () => $"{gateway.Store.Lag("nats")} readings not forwarded");
            await using var survivor = new NatsClient(nodes.First(n => n.IsRunning).Url);
            var sjs = survivor.CreateJetStreamContext();
            await Eventually.TrueAsync(async () => await MessagesAsync(sjs) == Readings, state: () => $"{MessagesAsync(sjs).GetAwaiter().GetResult()} messages in the stream");

            // Each reading once, by its idempotency key and by its content. Right after a node's loss the
            // cluster may still be electing the consumer's leader: ask again until it answers.
            var (keys, sequences) = await ReadStreamAsync(sjs);
            Assert.Equal(Readings, keys.Count);
            Assert.Equal(Readings, keys.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, Readings), sequences.Order());
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static async Task<(List<string> Keys, List<int> Sequences)> ReadStreamAsync(INatsJSContext js)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var consumer = await js.CreateOrUpdateConsumerAsync("EDGEDEVICES", new ConsumerConfig("check") { AckPolicy = ConsumerConfigAckPolicy.None });
                var keys = new List<string>();
                var sequences = new List<int>();
                await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = Readings, Expires = TimeSpan.FromSeconds(10) }))
                {
                    keys.Add(message.Headers!["Nats-Msg-Id"].ToString());
                    sequences.Add(JsonCodec.Decode(Encoding.UTF8.GetString(message.Data!)).Sequence);
                }

                if (keys.Count == Readings || DateTime.UtcNow > deadline)
                {
                    return (keys, sequences);
                }
            }
            catch (Exception ex) when ((ex is NatsJSApiNoResponseException or NatsJSApiException or NATS.Client.Core.NatsException or TimeoutException) && DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(500);
        }
    }

    // Messages in the gateway's stream, 0 while it does not exist yet or the cluster cannot answer.
    private static async Task<long> MessagesAsync(INatsJSContext js)
    {
        try
        {
            return (long)(await js.GetStreamAsync("EDGEDEVICES")).Info.State.Messages;
        }
        catch (Exception ex) when (ex is NatsJSApiNoResponseException or NatsJSApiException or NATS.Client.Core.NatsException or TimeoutException or OperationCanceledException)
        {
            return 0;
        }
    }
}
