using System.Globalization;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// What a device is and where it stands, as the technician recorded it at provisioning: its role
/// (<c>streetlight</c>, <c>airquality</c>, <c>meter</c>) and its position (WGS 84). Kept apart from the
/// credentials so MQTT and LoRaWAN devices share it, and so re-registering never loses it.
/// </summary>
public sealed class DeviceSites(BufferDatabase database, Privacy.Pseudonyms pseudonyms)
{
    /// <summary>The roles a device can have.</summary>
    public static readonly IReadOnlyList<string> Roles = ["streetlight", "airquality", "meter"];

    /// <summary>Raised with the device's id after its site was recorded or forgotten.</summary>
    public event Action<string>? Changed;

    /// <summary>Records <paramref name="site"/>; a null role or position keeps what was recorded before.</summary>
    public void Put(string deviceId, DeviceSite site)
    {
        if (site.Role != null && !Roles.Contains(site.Role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{site.Role}' is not a role ({string.Join(", ", Roles)})", "role");
        }

        if (site.Location is { } at)
        {
            at.Validate();
        }

        if (site.Role == "meter")
        {
            pseudonyms.Meter(deviceId);
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO device_sites(device_id, role, latitude, longitude) VALUES($d, $r, $lat, $lon)
            ON CONFLICT(device_id) DO UPDATE SET
                role = coalesce(excluded.role, role),
                latitude = coalesce(excluded.latitude, latitude),
                longitude = coalesce(excluded.longitude, longitude)
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$r", (object?)site.Role ?? DBNull.Value);
        command.Parameters.AddWithValue("$lat", site.Location is { } a ? a.Latitude : DBNull.Value);
        command.Parameters.AddWithValue("$lon", site.Location is { } b ? b.Longitude : DBNull.Value);
        command.ExecuteNonQuery();
        Changed?.Invoke(deviceId);
    }

    /// <summary>What was recorded for <paramref name="deviceId"/>, or null.</summary>
    public DeviceSite? Of(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, latitude, longitude FROM device_sites WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new DeviceSite(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) || reader.IsDBNull(2) ? null : new GeoPoint(reader.GetDouble(1), reader.GetDouble(2)));
    }

    /// <summary>Forgets <paramref name="deviceId"/> (when the device is removed).</summary>
    public void Remove(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM device_sites WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.ExecuteNonQuery();
        Changed?.Invoke(deviceId);
    }

    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS device_sites(
            device_id TEXT PRIMARY KEY,
            role TEXT,
            latitude REAL,
            longitude REAL);
        """;
}

/// <summary>A device's role and position, either of which may be unknown.</summary>
public sealed record DeviceSite(string? Role, GeoPoint? Location);

/// <summary>A position in WGS 84 degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Throws, naming the field, when a coordinate is out of range.</summary>
    public void Validate()
    {
        if (double.IsNaN(Latitude) || Latitude is < -90 or > 90)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"latitude {Latitude} is not within −90…90 degrees"), "latitude");
        }

        if (double.IsNaN(Longitude) || Longitude is < -180 or > 180)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"longitude {Longitude} is not within −180…180 degrees"), "longitude");
        }
    }
}
