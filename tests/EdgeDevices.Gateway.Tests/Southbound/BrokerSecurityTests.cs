using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>The embedded broker lets a device be only itself.</summary>
[Trait("Category", "Integration")]
public sealed class BrokerSecurityTests
{
    [Fact]
    public async Task A_wrong_password_or_an_unknown_device_or_a_borrowed_client_id_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Registry.Register("sl-0001", "right-password-1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0001", "wrong-password-1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-9999", "right-password-1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0001", "right-password-1", clientId: "sl-0002"));
        await using var ok = await TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0001", "right-password-1");
        Assert.True(ok.Client.IsConnected);
    }

    [Fact]
    public async Task A_device_cannot_publish_as_another_or_subscribe_to_anothers_commands()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var mallory = await gateway.DeviceAsync("m-0666");
        var forged = await mallory.PublishRawAsync(MqttTopics.Telemetry, EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.EncodeUtf8(Readings.Meter(0, 1)), deviceId: "m-0001");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Empty(gateway.Store.Read(Lane.Bulk, 0, 10));

        var stray = await mallory.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("city/anything").WithPayload("x").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, stray.ReasonCode);

        var subscription = await mallory.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.For("m-0001", MqttTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.For("m-0666", MqttTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("edge/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        var codes = subscription.Items.Select(i => i.ResultCode).ToList();
        Assert.Equal([MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS1, MqttClientSubscribeResultCode.NotAuthorized], codes);
    }

    [Fact]
    public async Task A_device_fetches_update_chunks_only_for_itself_and_only_of_a_bundle_rolled_out_to_it()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var mallory = await gateway.DeviceAsync("m-0666");
        var replies = new System.Collections.Concurrent.ConcurrentQueue<(string Topic, byte[] Payload)>();
        mallory.Client.ApplicationMessageReceivedAsync += e =>
        {
            replies.Enqueue((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        var subscription = await mallory.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.For("m-0001", MqttTopics.Chunks), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(MqttTopics.For("m-0666", MqttTopics.Chunks), MqttQualityOfServiceLevel.AtMostOnce)
            .Build());
        Assert.Equal([MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS0], subscription.Items.Select(i => i.ResultCode));

        // Asking in another device's name is refused; asking for itself gets "not served": no rollout sent it a bundle.
        var request = EdgeDevices.Firmware.Update.ChunkFrames.Request(0, 9, 0, 0, 1024);
        var foreign = await mallory.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For("m-0001", MqttTopics.Fetch)).WithPayload(request).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        await mallory.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For("m-0666", MqttTopics.Fetch)).WithPayload(request).Build());
        Eventually.True(() => !replies.IsEmpty, () => "an answer on the device's chunk topic");
        var (topic, payload) = replies.Single();
        Assert.Equal(MqttTopics.For("m-0666", MqttTopics.Chunks), topic);
        Assert.True(EdgeDevices.Firmware.Update.ChunkFrames.TryReadReply(payload, out var status, out _, out var minor, out _, out _));
        Assert.Equal(EdgeDevices.Firmware.Update.ChunkFrames.NotServed, status);
        Assert.Equal(9, minor);

        // The request is answered, not stored: nothing reached the pipeline.
        Assert.Empty(gateway.Store.Read(Lane.Bulk, 0, 10));
        Assert.Empty(gateway.Store.Read(Lane.Urgent, 0, 10));
    }
}
