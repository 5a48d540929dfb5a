using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// Which queue a record waits in: alarms, events and command acknowledgements go ahead of bulk telemetry,
/// so after an outage the platform hears about a failed lamp before it receives last night's readings.
/// Order is kept within a lane.
/// </summary>
public enum Lane
{
    /// <summary>Events and acknowledgements.</summary>
    Urgent = 0,

    /// <summary>Telemetry, state and health.</summary>
    Bulk = 1,
}

/// <summary>Lanes of message types.</summary>
public static class Lanes
{
    /// <summary>The lane of <paramref name="type"/>.</summary>
    public static Lane Of(MessageType type) => type is MessageType.Event or MessageType.CommandAck or MessageType.UpdateStatus ? Lane.Urgent : Lane.Bulk;

    /// <summary>Both lanes, urgent first.</summary>
    public static readonly Lane[] All = [Lane.Urgent, Lane.Bulk];
}
