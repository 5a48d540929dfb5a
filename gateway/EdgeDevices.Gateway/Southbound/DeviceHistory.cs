using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// What happened to a device beside its readings, as the operator reads it back: it joined the LoRaWAN
/// network, the network server logged something about it (a frame-counter reset, a downlink too large for its
/// data rate), a downlink was transmitted or confirmed. Newest first in <c>GET /api/devices/{id}/history</c>;
/// kept as long as the buffer's retention.
/// </summary>
public sealed class DeviceHistory(BufferDatabase database, TimeProvider time)
{
    /// <summary>Adds an entry: its kind (<c>join</c>, <c>log</c>, …), a line for people, and its details.</summary>
    public void Add(string deviceId, DateTimeOffset at, string kind, string summary, JsonObject? detail = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO device_history(device_id, at, recorded_at, kind, summary, detail) VALUES($d, $at, $rec, $k, $s, $detail)";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$rec", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$k", kind);
        command.Parameters.AddWithValue("$s", summary);
        command.Parameters.AddWithValue("$detail", (object?)detail?.ToJsonString() ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest entries of <paramref name="deviceId"/>, newest first.</summary>
    public IReadOnlyList<DeviceHistoryEntry> Of(string deviceId, int limit = 100)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, kind, summary, detail FROM device_history WHERE device_id = $d ORDER BY at DESC, id DESC LIMIT $n";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<DeviceHistoryEntry>();
        while (reader.Read())
        {
            entries.Add(new DeviceHistoryEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)) as JsonObject));
        }

        return entries;
    }

    /// <summary>Drops entries recorded before <paramref name="cutoffMs"/>; returns how many.</summary>
    public int RemoveOlderThan(long cutoffMs)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM device_history WHERE recorded_at < $c";
        command.Parameters.AddWithValue("$c", cutoffMs);
        return command.ExecuteNonQuery();
    }

    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS device_history(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            detail TEXT);
        CREATE INDEX IF NOT EXISTS device_history_device ON device_history(device_id, at);
        CREATE INDEX IF NOT EXISTS device_history_recorded ON device_history(recorded_at);
        """;
}

/// <summary>One entry of a device's history.</summary>
public sealed record DeviceHistoryEntry(DateTimeOffset At, string Kind, string Summary, JsonObject? Detail);
