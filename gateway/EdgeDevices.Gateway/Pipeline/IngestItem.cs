using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>One payload on its way from a device topic into the buffer (or the quarantine).</summary>
public sealed class IngestItem(string deviceId, string topic, string channel, byte[] payload, long receivedAt)
{
    public string DeviceId { get; } = deviceId;

    public string Topic { get; } = topic;

    public string Channel { get; } = channel;

    public byte[] Payload { get; } = payload;

    /// <summary>Arrival, Unix milliseconds.</summary>
    public long ReceivedAt { get; } = receivedAt;

    /// <summary>The decoded message, when it decoded and passed validation.</summary>
    public Message? Message { get; set; }

    /// <summary>The message as decoded, even when validation then refused it (null when it did not decode).</summary>
    public Message? Decoded { get; set; }

    /// <summary>Its entry in the quarantine once committed there.</summary>
    public long QuarantineId { get; set; }

    /// <summary>Why it goes to the quarantine, when it does.</summary>
    public Rejection? Rejection { get; set; }

    /// <summary>Completed once the item's fate is committed (or the commit failed).</summary>
    public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
