using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>Sends commands to a device through the broker, as the gateway does.</summary>
internal static class Commands
{
    public static async Task SendAsync(HilBench bench, string deviceId, DeviceCommand command)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", bench.Broker.Port).WithClientId("test-gateway").Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(deviceId, MqttTopics.Commands))
            .WithPayload(JsonCodec.EncodeUtf8(command))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }
}
