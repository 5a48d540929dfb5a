using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Updates;

/// <summary>Rollouts and their devices, in the gateway's database, so a restart forgets none and the report is kept.</summary>
public sealed class RolloutStore(BufferDatabase database)
{
    private const string RolloutColumns = "id, app, version, manifest, state, canary_percent, wave_size, failure_threshold_percent, wave, wave_started_at, created_at, finished_at, stop_reason";
    private const string DeviceColumns = "rollout_id, device_id, wave, status, reason, command_row, updated_at";

    /// <summary>Creates a rollout with its devices in their waves; returns it.</summary>
    public Rollout Create(string app, string version, string manifest, int canaryPercent, int waveSize, int failureThresholdPercent, IReadOnlyList<(string DeviceId, int Wave, string Status, string? Reason)> devices, long nowMs)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = (long)Command(connection, transaction, """
            INSERT INTO rollouts(app, version, manifest, state, canary_percent, wave_size, failure_threshold_percent, created_at)
            VALUES($a, $v, $m, 'running', $c, $w, $f, $t) RETURNING id
            """, ("$a", app), ("$v", version), ("$m", manifest), ("$c", canaryPercent), ("$w", waveSize), ("$f", failureThresholdPercent), ("$t", nowMs)).ExecuteScalarAndDispose()!;
        foreach (var (deviceId, wave, status, reason) in devices)
        {
            Command(connection, transaction, "INSERT INTO rollout_devices(rollout_id, device_id, wave, status, reason, updated_at) VALUES($r, $d, $w, $s, $why, $t)",
                ("$r", id), ("$d", deviceId), ("$w", wave), ("$s", status), ("$why", (object?)reason ?? DBNull.Value), ("$t", nowMs)).ExecuteNonQueryAndDispose();
        }

        transaction.Commit();
        return Get(id)!;
    }

    /// <summary>A rollout, or null.</summary>
    public Rollout? Get(long id) => Rollouts("WHERE id = $i", ("$i", id)).FirstOrDefault();

    /// <summary>Rollouts, newest first.</summary>
    public IReadOnlyList<Rollout> List(int limit = 100) => Rollouts("ORDER BY id DESC LIMIT $l", ("$l", limit));

    /// <summary>Rollouts still sending waves.</summary>
    public IReadOnlyList<Rollout> Running() => Rollouts("WHERE state = 'running' ORDER BY id");

    /// <summary>The devices of a rollout, by wave and id.</summary>
    public IReadOnlyList<RolloutDevice> Devices(long rolloutId) => DeviceRows("WHERE rollout_id = $r ORDER BY wave, device_id", ("$r", rolloutId));

    /// <summary>The newest rollout row of a device whose update is underway, with its rollout, or null.</summary>
    public (Rollout Rollout, RolloutDevice Device)? Underway(string deviceId)
    {
        var device = DeviceRows("WHERE device_id = $d AND status IN ('sent', 'downloading', 'staged', 'trial') ORDER BY rollout_id DESC LIMIT 1", ("$d", deviceId)).FirstOrDefault();
        var rollout = device == null ? null : Get(device.RolloutId);
        return rollout == null ? null : (rollout, device!);
    }

    /// <summary>Sets a device's status (and the command that carries its update, when given).</summary>
    public void SetDevice(long rolloutId, string deviceId, string status, string? reason, long nowMs, long? commandRow = null)
    {
        using var connection = database.Open();
        Command(connection, null, "UPDATE rollout_devices SET status = $s, reason = $why, updated_at = $t, command_row = COALESCE($c, command_row) WHERE rollout_id = $r AND device_id = $d",
            ("$s", status), ("$why", (object?)reason ?? DBNull.Value), ("$t", nowMs), ("$c", (object?)commandRow ?? DBNull.Value), ("$r", rolloutId), ("$d", deviceId)).ExecuteNonQueryAndDispose();
    }

    /// <summary>Moves a rollout to <paramref name="wave"/>.</summary>
    public void StartWave(long rolloutId, int wave, long nowMs)
    {
        using var connection = database.Open();
        Command(connection, null, "UPDATE rollouts SET wave = $w, wave_started_at = $t WHERE id = $r", ("$w", wave), ("$t", nowMs), ("$r", rolloutId)).ExecuteNonQueryAndDispose();
    }

    /// <summary>Ends a rollout: completed, or stopped with the reason (devices not yet sent are marked so).</summary>
    public void Finish(long rolloutId, string state, string? reason, long nowMs)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Command(connection, transaction, "UPDATE rollouts SET state = $s, stop_reason = $why, finished_at = $t WHERE id = $r AND state = 'running'",
            ("$s", state), ("$why", (object?)reason ?? DBNull.Value), ("$t", nowMs), ("$r", rolloutId)).ExecuteNonQueryAndDispose();
        Command(connection, transaction, "UPDATE rollout_devices SET status = 'notSent', updated_at = $t WHERE rollout_id = $r AND status = 'pending'",
            ("$t", nowMs), ("$r", rolloutId)).ExecuteNonQueryAndDispose();
        transaction.Commit();
    }

    private List<Rollout> Rollouts(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, $"SELECT {RolloutColumns} FROM rollouts {where}", parameters);
        using var reader = command.ExecuteReader();
        var rollouts = new List<Rollout>();
        while (reader.Read())
        {
            rollouts.Add(new Rollout(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9), reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return rollouts;
    }

    private List<RolloutDevice> DeviceRows(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, $"SELECT {DeviceColumns} FROM rollout_devices {where}", parameters);
        using var reader = command.ExecuteReader();
        var devices = new List<RolloutDevice>();
        while (reader.Read())
        {
            devices.Add(new RolloutDevice(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt64(6)));
        }

        return devices;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
