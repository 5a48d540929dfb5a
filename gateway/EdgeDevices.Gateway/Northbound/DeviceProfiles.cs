using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Puts together a device's <see cref="DeviceProfile"/> from what the gateway holds: the site recorded at
/// provisioning, the lighting model (a lamp's position, group and lamp type), the LoRaWAN registrations, the
/// media its meter channels have reported and, when no role was recorded, the kind of readings it sends.
/// </summary>
public sealed class DeviceProfiles(DeviceSites sites, LightingStore lighting, LoRaWanDevices loRaWan, LatestReadings latest, BufferDatabase database)
{
    /// <summary>The profile of <paramref name="deviceId"/> (its real id).</summary>
    public DeviceProfile Of(string deviceId)
    {
        var site = sites.Of(deviceId);
        var lamp = lighting.Lamp(deviceId);
        var lampType = lamp == null ? null : lighting.LampType(lamp.LampTypeId);
        var role = site?.Role
            ?? (lamp != null ? "streetlight" : null)
            ?? (latest.Of(deviceId, MessageType.LampStatus) != null ? "streetlight"
                : latest.Of(deviceId, MessageType.AirQuality) != null ? "airquality"
                : latest.Of(deviceId, MessageType.MeterReading) != null ? "meter"
                : null);
        var location = site?.Location ?? (lamp != null ? new GeoPoint(lamp.Latitude, lamp.Longitude) : null);
        return new DeviceProfile(
            role,
            location,
            loRaWan.DevEuiOf(deviceId) != null ? "lorawan" : "mqtt",
            lamp?.GroupId,
            lamp?.LampTypeId,
            lampType?.RatedWatts,
            role == "meter" ? Media(deviceId) : null);
    }

    private List<MeterMedium> Media(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT medium FROM meter_samples WHERE device_id = $d ORDER BY medium";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        var media = new List<MeterMedium>();
        while (reader.Read())
        {
            media.Add((MeterMedium)reader.GetInt32(0));
        }

        return media;
    }
}
