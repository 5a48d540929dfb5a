using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Commands;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>Sends commands to a device through the broker, as the gateway does.</summary>
internal static class Commands
{
    /// <summary>Signs <paramref name="command"/> with the device's key (unless <paramref name="sign"/> is false) and publishes it.</summary>
    public static async Task SendAsync(HilBench bench, string deviceId, DeviceCommand command, bool sign = true)
    {
        if (sign)
        {
            CommandSigner.Sign(deviceId, command);
        }

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
