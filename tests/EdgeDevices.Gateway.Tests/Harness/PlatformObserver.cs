using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>The city platform's side of a broker in tests: a subscriber that notes every message it gets.</summary>
internal static class PlatformObserver
{
    /// <summary>Subscribes to <paramref name="filter"/> on the broker at <paramref name="port"/>, adding what arrives to <paramref name="received"/> (locked).</summary>
    public static async Task<IMqttClient> SubscribeAsync(int port, string filter, List<(string Topic, string Payload, bool Retained)> received, string clientId = "platform-observer")
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return client;
    }
}
