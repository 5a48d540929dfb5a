namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>
/// A street light: its device, lamp type, group and position. Its own calendar, when given, wins over the
/// group's.
/// </summary>
public sealed record LampDefinition(
    string DeviceId,
    string LampTypeId,
    string? GroupId,
    double Latitude,
    double Longitude,
    string? CalendarId = null);
