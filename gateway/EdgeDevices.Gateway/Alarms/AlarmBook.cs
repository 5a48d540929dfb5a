using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Alarms;

/// <summary>
/// The gateway's alarm list. A device event of warning severity or above opens an alarm (once: a repeat
/// while open is ignored) and the device's clearing event closes it, with the time the device stated.
/// The gateway adds its own findings (a command the device refused, one that was never answered). The
/// events themselves travel to the platform through the buffer's urgent lane, ahead of telemetry.
/// </summary>
public sealed class AlarmBook(BufferDatabase database, LatestReadings latest, Privacy.Pseudonyms pseudonyms, TimeProvider time, ILogger<AlarmBook> log) : IIngestObserver
{
    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        if (message is not DeviceEvent e || e.Severity == EventSeverity.Info)
        {
            return;
        }

        var code = WireNames.Of(e.Code) ?? ((int)e.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var at = e.Timestamp != 0 ? e.Timestamp * 1000L : receivedAtMs;
        if (e.Raised)
        {
            var evidence = new JsonObject { ["value"] = e.Value, ["bootId"] = e.BootId, ["sequence"] = e.Sequence };
            if (latest.Of(deviceId, MessageType.LampStatus)?.Message is LampStatus lamp)
            {
                evidence["lamp"] = new JsonObject
                {
                    ["level"] = lamp.Level,
                    ["relay"] = lamp.RelayOn,
                    ["powerWatts"] = lamp.HasPower ? lamp.PowerDeciWatt / 10.0 : null,
                    ["source"] = WireNames.Of(lamp.Source),
                };
            }

            Raise(deviceId, code, WireNames.Of(e.Severity) ?? "warning", at, evidence);
        }
        else
        {
            Clear(deviceId, code, at);
        }
    }

    /// <summary>Opens an alarm unless the same one is already open; returns whether it opened one.</summary>
    public bool Raise(string deviceId, string code, string severity, long atMs, JsonObject evidence)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alarms(device_id, code, severity, raised_at, evidence)
            SELECT $d, $c, $s, $t, $e WHERE NOT EXISTS (SELECT 1 FROM alarms WHERE device_id = $d AND code = $c AND cleared_at IS NULL)
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", code);
        command.Parameters.AddWithValue("$s", severity);
        command.Parameters.AddWithValue("$t", atMs);
        command.Parameters.AddWithValue("$e", evidence.ToJsonString());
        var opened = command.ExecuteNonQuery() == 1;
        if (opened)
        {
            log.LogWarning("alarm {Code} ({Severity}) on {Device}", code, severity, pseudonyms.Public(deviceId));
        }

        return opened;
    }

    /// <summary>Closes the open alarm, if any.</summary>
    public bool Clear(string deviceId, string code, long atMs)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alarms SET cleared_at = $t WHERE device_id = $d AND code = $c AND cleared_at IS NULL";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", code);
        command.Parameters.AddWithValue("$t", atMs);
        var cleared = command.ExecuteNonQuery() > 0;
        if (cleared)
        {
            log.LogInformation("alarm {Code} on {Device} cleared", code, pseudonyms.Public(deviceId));
        }

        return cleared;
    }

    /// <summary>Alarms, newest first: only open ones, or all; optionally of one device.</summary>
    public IReadOnlyList<Alarm> List(bool openOnly, string? deviceId = null, int limit = 500)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, device_id, code, severity, raised_at, cleared_at, evidence, acknowledged_at FROM alarms WHERE ($o = 0 OR cleared_at IS NULL) AND ($d IS NULL OR device_id = $d) ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$o", openOnly ? 1 : 0);
        command.Parameters.AddWithValue("$d", (object?)deviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var alarms = new List<Alarm>();
        while (reader.Read())
        {
            alarms.Add(new Alarm(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), (JsonObject)JsonNode.Parse(reader.GetString(6))!, reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return alarms;
    }

    /// <summary>Marks alarm <paramref name="id"/> acknowledged (once: a second acknowledgement keeps the first time); null when there is no such alarm.</summary>
    public long? Acknowledge(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alarms SET acknowledged_at = coalesce(acknowledged_at, $t) WHERE id = $i RETURNING acknowledged_at";
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$i", id);
        return command.ExecuteScalar() is long at ? at : null;
    }

    /// <summary>The current time, for gateway findings.</summary>
    internal long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();
}
