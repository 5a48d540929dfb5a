using System.Collections.Concurrent;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// What ChirpStack tells of each LoRaWAN device's radio link: the region and data rate of its last uplink (which
/// size its downlinks may have), the signal the gateways heard, and its last DevStatusAns (<c>status</c> event:
/// link margin, battery or mains power). Kept in memory for the downlink path and in the database for the
/// operator and across restarts.
/// </summary>
public sealed class LoRaWanLinks(BufferDatabase database)
{
    private readonly ConcurrentDictionary<string, LoRaWanLink> _links = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>The link of <paramref name="deviceId"/>, or null when ChirpStack has said nothing of it yet.</summary>
    public LoRaWanLink? Of(string deviceId)
    {
        Load();
        return _links.TryGetValue(deviceId, out var link) ? link : null;
    }

    /// <summary>Records an uplink's region, data rate and signal.</summary>
    public void Heard(string deviceId, string? region, int dataRate, int? rssi, double? snr, DateTimeOffset at) =>
        Update(deviceId, link => link with { Region = region ?? link.Region, DataRate = dataRate, Rssi = rssi ?? link.Rssi, Snr = snr ?? link.Snr, UplinkAt = at });

    /// <summary>Records a DevStatusAns: the link margin (dB) and the battery (per cent; null when on mains or not known).</summary>
    public void Status(string deviceId, int margin, bool externalPower, double? batteryPercent, DateTimeOffset at) =>
        Update(deviceId, link => link with { Margin = margin, ExternalPower = externalPower, BatteryPercent = batteryPercent, StatusAt = at });

    private void Update(string deviceId, Func<LoRaWanLink, LoRaWanLink> change)
    {
        Load();
        var link = _links.AddOrUpdate(deviceId, _ => change(new LoRaWanLink()), (_, old) => change(old));
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO lorawan_links(device_id, region, data_rate, rssi, snr, uplink_at, margin, external_power, battery_percent, status_at)
            VALUES($d, $region, $dr, $rssi, $snr, $up, $margin, $ext, $battery, $st)
            ON CONFLICT(device_id) DO UPDATE SET region = excluded.region, data_rate = excluded.data_rate, rssi = excluded.rssi, snr = excluded.snr,
                uplink_at = excluded.uplink_at, margin = excluded.margin, external_power = excluded.external_power,
                battery_percent = excluded.battery_percent, status_at = excluded.status_at
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$region", (object?)link.Region ?? DBNull.Value);
        command.Parameters.AddWithValue("$dr", (object?)link.DataRate ?? DBNull.Value);
        command.Parameters.AddWithValue("$rssi", (object?)link.Rssi ?? DBNull.Value);
        command.Parameters.AddWithValue("$snr", (object?)link.Snr ?? DBNull.Value);
        command.Parameters.AddWithValue("$up", link.UplinkAt is { } up ? up.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$margin", (object?)link.Margin ?? DBNull.Value);
        command.Parameters.AddWithValue("$ext", link.ExternalPower is { } ext ? (ext ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$battery", (object?)link.BatteryPercent ?? DBNull.Value);
        command.Parameters.AddWithValue("$st", link.StatusAt is { } st ? st.ToUnixTimeMilliseconds() : DBNull.Value);
        command.ExecuteNonQuery();
    }

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        lock (_links)
        {
            if (_loaded)
            {
                return;
            }

            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id, region, data_rate, rssi, snr, uplink_at, margin, external_power, battery_percent, status_at FROM lorawan_links";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _links[reader.GetString(0)] = new LoRaWanLink(
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetInt64(7) == 1,
                    reader.IsDBNull(8) ? null : reader.GetDouble(8),
                    reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
            }

            _loaded = true;
        }
    }

    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS lorawan_links(
            device_id TEXT PRIMARY KEY,
            region TEXT,
            data_rate INTEGER,
            rssi INTEGER,
            snr REAL,
            uplink_at INTEGER,
            margin INTEGER,
            external_power INTEGER,
            battery_percent REAL,
            status_at INTEGER);
        """;
}

/// <summary>A LoRaWAN device's link as ChirpStack last reported it; any part may be unknown.</summary>
public sealed record LoRaWanLink(
    string? Region = null,
    int? DataRate = null,
    int? Rssi = null,
    double? Snr = null,
    DateTimeOffset? UplinkAt = null,
    int? Margin = null,
    bool? ExternalPower = null,
    double? BatteryPercent = null,
    DateTimeOffset? StatusAt = null);
