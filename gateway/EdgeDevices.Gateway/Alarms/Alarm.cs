using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Alarms;

/// <summary>
/// An alarm: what (a device event code such as <c>lampFailure</c>, or a gateway finding such as
/// <c>commandRefused</c>), on which device, when raised and cleared (Unix ms, device time for device
/// events), and the evidence (the measured value, the lamp's last reported state, the command).
/// </summary>
public sealed record Alarm(long Id, string DeviceId, string Code, string Severity, long RaisedAt, long? ClearedAt, JsonObject Evidence, long? AcknowledgedAt = null)
{
    /// <summary>Whether it is still active.</summary>
    public bool IsOpen => ClearedAt == null;
}
