using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// What the city platform may be told about a device beside its readings: its role, where it stands, how
/// it talks (<c>mqtt</c> or <c>lorawan</c>), a street light's group and lamp type, a meter's media. A
/// household device's profile is marked <see cref="Personal"/> and never carries its position or group (Law
/// 94-V: a meter's position identifies the home).
/// </summary>
public sealed record DeviceProfile(
    string? Role,
    GeoPoint? Location,
    string Transport,
    string? LampGroup = null,
    string? LampType = null,
    int? RatedWatts = null,
    IReadOnlyList<MeterMedium>? Media = null,
    bool Personal = false)
{
    /// <summary>The same without anything that locates the device.</summary>
    public DeviceProfile WithoutPlace() => this with { Location = null, LampGroup = null };
}
