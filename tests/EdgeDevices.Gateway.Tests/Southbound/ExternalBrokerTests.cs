using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>Device traffic through an external broker (mosquitto) the gateway subscribes to.</summary>
[Trait("Category", "Integration")]
public sealed class ExternalBrokerTests
{
    [Fact]
    public async Task Readings_published_while_the_gateway_is_down_arrive_when_it_is_back()
    {
        using var mosquitto = MosquittoBroker.Start();
        var state = Directory.CreateTempSubdirectory("edgedevices-external-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["southbound:mode"] = "external",
            ["southbound:external:host"] = "127.0.0.1",
            ["southbound:external:port"] = mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using (var first = await TestGateway.StartAsync(settings, state))
        {
            using var device = await Connect(mosquitto.Port, "aq-0100");
            await Publish(device, Readings.AirQuality(0));
            Eventually.True(() => first.Store.Count(Lane.Bulk) == 1);
        }

        // The gateway is down; the broker keeps its persistent session's messages.
        using (var device = await Connect(mosquitto.Port, "aq-0100"))
        {
            for (var i = 1; i <= 5; i++)
            {
                await Publish(device, Readings.AirQuality(i));
            }

            await Publish(device, new HealthReport { BootId = 1, Sequence = 6, Timestamp = Readings.Now });
        }

        await using var second = await TestGateway.StartAsync(settings, state);
        Eventually.True(() => second.Store.Count(Lane.Bulk) == 7, () => $"{second.Store.Count(Lane.Bulk)} stored");
        Assert.Equal(Enumerable.Range(0, 7), second.Store.Read(Lane.Bulk, 0, 10).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Commands_wait_for_the_devices_online_and_then_go_in_counter_order()
    {
        // Through another broker the gateway cannot see subscriptions: a device's retained "online", published
        // after it subscribed, is the sign. Before it a command could be dropped unsubscribed and a later one
        // delivered, which the device would refuse for ever.
        using var mosquitto = MosquittoBroker.Start();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["southbound:mode"] = "external",
            ["southbound:external:host"] = "127.0.0.1",
            ["southbound:external:port"] = mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
        gateway.Services.GetRequiredService<EdgeDevices.Gateway.Commands.DeviceKeys>().Set("sl-0700", key);
        var queue = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Commands.CommandQueue>();
        var first = queue.Enqueue("sl-0700", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "schedule", TimeSpan.FromMinutes(30));
        var second = queue.Enqueue("sl-0700", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 50, DurationMinutes = 30 }, "parameters", TimeSpan.FromMinutes(30));

        using var device = new MqttClientFactory().CreateMqttClient();
        var received = new List<DeviceCommand>();
        device.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((DeviceCommand)JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString()));
            }

            return Task.CompletedTask;
        };
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("sl-0700").WithCleanSession(false).Build());
        Eventually.True(() => queue.Get(first.Id)!.Attempts >= 1, () => "the dispatcher tried the first command");
        Assert.Equal(0, queue.Get(second.Id)!.Attempts);

        await device.SubscribeAsync(MqttTopics.For("sl-0700", MqttTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce);
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For("sl-0700", MqttTopics.Status)).WithPayload("online").WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Eventually.True(() => { lock (received) { return received.Count >= 2; } }, () => "both commands");
        lock (received)
        {
            Assert.Equal([first.CommandId, second.CommandId], received.Take(2).Select(c => c.CommandId));
        }
    }

    private static async Task<IMqttClient> Connect(int port, string deviceId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(deviceId).Build());
        return client;
    }

    private static Task Publish(IMqttClient client, Message message) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(client.Options.ClientId, MqttTopics.ChannelFor(message.Type)))
            .WithPayload(JsonCodec.EncodeUtf8(message))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}
