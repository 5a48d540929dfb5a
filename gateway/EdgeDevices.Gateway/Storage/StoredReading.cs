using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Storage;

/// <summary>A reading in the buffer: its place, its identity and its JSON form.</summary>
public sealed record StoredReading(
    long Id,
    string DeviceId,
    int BootId,
    int Sequence,
    MessageType Type,
    Lane Lane,
    long DeviceTime,
    long ReceivedAt,
    string Payload)
{
    /// <summary>
    /// What the platform may know of the device beside its id: set by the sink runner for sinks that
    /// describe devices (<see cref="Northbound.ISink.DescribesDevices"/>), null otherwise.
    /// </summary>
    public Southbound.DeviceProfile? Profile { get; init; }

    /// <summary>The key every receiver deduplicates on: device, boot id, sequence.</summary>
    public string IdempotencyKey => $"{DeviceId}:{BootId}:{Sequence}";

    /// <summary>When it was measured: the device's time, or when it arrived if the device's clock was not set.</summary>
    public DateTimeOffset ObservedAt => DeviceTime > 0 ? DateTimeOffset.FromUnixTimeSeconds(DeviceTime) : DateTimeOffset.FromUnixTimeMilliseconds(ReceivedAt);
}
