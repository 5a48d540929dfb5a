using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// What a device may do on the broker: connect as itself (client id = user name = device id), publish only
/// below its own prefix on the channels devices publish to (its readings, and chunk requests of an update
/// download), and subscribe only to its own command, chunk and reject-notice topics.
/// </summary>
public static class TopicPolicy
{
    private static readonly string[] DeviceChannels = [MqttTopics.Telemetry, MqttTopics.State, MqttTopics.Events, MqttTopics.Acks, MqttTopics.Status, MqttTopics.Fetch];

    /// <summary>Whether <paramref name="deviceId"/> may publish to <paramref name="topic"/>.</summary>
    public static bool MayPublish(string deviceId, string topic) =>
        MqttTopics.TryParse(topic, out var owner, out var channel) && owner == deviceId && DeviceChannels.Contains(channel);

    /// <summary>Whether <paramref name="deviceId"/> may subscribe to <paramref name="filter"/>.</summary>
    public static bool MaySubscribe(string deviceId, string filter) =>
        filter == MqttTopics.For(deviceId, MqttTopics.Commands) || filter == MqttTopics.For(deviceId, MqttTopics.Chunks) || filter == MqttTopics.For(deviceId, MqttTopics.Rejects);

    /// <summary>The device of a chunk request topic (<c>edge/{id}/fetch</c>), which goes to the chunk server, not the pipeline.</summary>
    public static bool IsFetchTopic(string topic, out string deviceId) =>
        MqttTopics.TryParse(topic, out deviceId, out var channel) && channel == MqttTopics.Fetch;

    /// <summary>The device and channel of a device topic the pipeline takes (not <c>status</c>).</summary>
    public static bool IsIngestTopic(string topic, out string deviceId, out string channel) =>
        MqttTopics.TryParse(topic, out deviceId, out channel) && channel is not (MqttTopics.Status or MqttTopics.Commands or MqttTopics.Fetch) && DeviceChannels.Contains(channel);
}
