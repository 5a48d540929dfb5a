using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

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
