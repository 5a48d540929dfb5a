using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Alarms;

/// <summary>
/// What the gateway itself concludes about a device (an air-quality alert, a night-flow leak, a command refused
/// as forged or expired unanswered) goes to the city
/// platform like the device's own events: a <see cref="DeviceEvent"/> of that device under boot id 0 (the
/// gateway's), numbered by a counter of its own in the buffer, committed to the urgent lane.
/// </summary>
public sealed class GatewayEvents(BufferStore store, TimeProvider time)
{
    /// <summary>The counter that numbers a device's command events.</summary>
    public static string CommandCounter(string deviceId) => $"cmd_event_seq:{deviceId}";

    /// <summary>Commits the event; <paramref name="sequenceCounter"/> names the counter that numbers this kind for this device.</summary>
    public void Forward(string deviceId, EventCode code, bool raised, EventSeverity severity, int value, DateTimeOffset at, string sequenceCounter)
    {
        var e = new DeviceEvent
        {
            BootId = 0,
            Sequence = (ushort)(store.Counter(sequenceCounter) + 1),
            Timestamp = (uint)at.ToUnixTimeSeconds(),
            Code = code,
            Raised = raised,
            Severity = severity,
            Value = (short)Math.Clamp(value, short.MinValue, short.MaxValue),
        };
        store.AddToCounter(sequenceCounter, 1);
        var topic = MqttTopics.For(deviceId, MqttTopics.Events);
        store.Commit([new IngestItem(deviceId, topic, MqttTopics.Events, JsonCodec.EncodeUtf8(e), time.GetUtcNow().ToUnixTimeMilliseconds()) { Message = e }]);
    }
}
