namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// A command as the gateway tracks it (times are Unix milliseconds). Over LoRaWAN the network also says when a
/// gateway transmitted it and when the device confirmed all its downlinks (ChirpStack's txack and ack); the
/// device's own answer (<see cref="Status"/>) still settles it.
/// </summary>
public sealed record CommandRecord(
    long Id,
    string DeviceId,
    ushort CommandId,
    string Kind,
    string Purpose,
    CommandStatus Status,
    string? Result,
    int Attempts,
    long CreatedAt,
    long ExpiresAt,
    long? CompletedAt,
    long? TransmittedAt = null,
    long? DeliveredAt = null);
