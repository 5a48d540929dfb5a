namespace EdgeDevices.Gateway.Commands;

/// <summary>A command as the gateway tracks it (times are Unix milliseconds).</summary>
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
    long? CompletedAt);
