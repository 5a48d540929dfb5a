using System.Collections.Concurrent;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Puts together a device's <see cref="DeviceProfile"/> from what the gateway holds: the lighting model (a
/// lamp's position, which its schedule follows, and its group and lamp type), else the site recorded at
/// provisioning; the LoRaWAN registrations; the media its meter channels have reported and, when no role was
/// recorded, the kind of readings it sends. Profiles are kept for a short while (a replay after an outage
/// asks for the same devices thousands of times) and forgotten when a site or a lamp changes.
/// </summary>
public sealed class DeviceProfiles
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);

    private readonly DeviceSites _sites;
    private readonly LightingStore _lighting;
    private readonly LoRaWanDevices _loRaWan;
    private readonly LatestReadings _latest;
    private readonly BufferDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DeviceProfile Profile, DateTimeOffset At)> _known = new(StringComparer.Ordinal);

    public DeviceProfiles(DeviceSites sites, LightingStore lighting, LoRaWanDevices loRaWan, LatestReadings latest, BufferDatabase database, TimeProvider time)
    {
        _sites = sites;
        _lighting = lighting;
        _loRaWan = loRaWan;
        _latest = latest;
        _database = database;
        _time = time;
        sites.Changed += Forget;
        lighting.Changed += () => _known.Clear();
    }

    /// <summary>The profile of <paramref name="deviceId"/> (its real id).</summary>
    public DeviceProfile Of(string deviceId)
    {
        var now = _time.GetUtcNow();
        if (!_known.TryGetValue(deviceId, out var known) || now - known.At >= KeepFor)
        {
            known = (Build(deviceId), now);
            _known[deviceId] = known;
        }

        // A meter's media grow as its channels report: looked up each time (four index seeks).
        return known.Profile.Role == "meter" ? known.Profile with { Media = Media(deviceId) } : known.Profile;
    }

    private void Forget(string deviceId) => _known.TryRemove(deviceId, out _);

    private DeviceProfile Build(string deviceId)
    {
        var site = _sites.Of(deviceId);
        var lamp = _lighting.Lamp(deviceId);
        var lampType = lamp == null ? null : _lighting.LampType(lamp.LampTypeId);
        var role = site?.Role
            ?? (lamp != null ? "streetlight" : null)
            ?? (_latest.Of(deviceId, MessageType.LampStatus) != null ? "streetlight"
                : _latest.Of(deviceId, MessageType.AirQuality) != null ? "airquality"
                : _latest.Of(deviceId, MessageType.MeterReading) != null ? "meter"
                : null);
        var location = lamp != null ? new GeoPoint(lamp.Latitude, lamp.Longitude) : site?.Location;
        return new DeviceProfile(
            role,
            location,
            _loRaWan.DevEuiOf(deviceId) != null ? "lorawan" : "mqtt",
            lamp?.GroupId,
            lamp?.LampTypeId,
            lampType?.RatedWatts);
    }

    // One index seek per channel (0–3), never a walk through a meter's history.
    private List<MeterMedium> Media(string deviceId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT medium FROM meter_samples WHERE device_id = $d AND channel = $c LIMIT 1";
        var media = new List<MeterMedium>();
        for (var channel = 0; channel < 4; channel++)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$d", deviceId);
            command.Parameters.AddWithValue("$c", channel);
            if (command.ExecuteScalar() is long medium && !media.Contains((MeterMedium)medium))
            {
                media.Add((MeterMedium)medium);
            }
        }

        return [.. media.Order()];
    }
}
