using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// What a device may do on the broker: connect as itself (client id = user name = device id), publish only
/// below its own prefix on the channels devices publish to, and subscribe only to its own command topic.
/// </summary>
public static class TopicPolicy
{
    private static readonly string[] DeviceChannels = [MqttTopics.Telemetry, MqttTopics.State, MqttTopics.Events, MqttTopics.Acks, MqttTopics.Status];

    /// <summary>Whether <paramref name="deviceId"/> may publish to <paramref name="topic"/>.</summary>
    public static bool MayPublish(string deviceId, string topic) =>
        MqttTopics.TryParse(topic, out var owner, out var channel) && owner == deviceId && DeviceChannels.Contains(channel);

    /// <summary>Whether <paramref name="deviceId"/> may subscribe to <paramref name="filter"/>.</summary>
    public static bool MaySubscribe(string deviceId, string filter) => filter == MqttTopics.For(deviceId, MqttTopics.Commands);

    /// <summary>The device and channel of a device topic the pipeline takes (not <c>status</c>).</summary>
    public static bool IsIngestTopic(string topic, out string deviceId, out string channel) =>
        MqttTopics.TryParse(topic, out deviceId, out channel) && channel != MqttTopics.Status && channel != MqttTopics.Commands && DeviceChannels.Contains(channel);
}
