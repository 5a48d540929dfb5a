using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// Commands waiting for their device's answer, on disk so a restart forgets none. Each is signed once
/// when queued (id, counter, expiry, MAC) and resent unchanged until the device answers or it expires; a
/// newer command with the same purpose (the lamp's schedule, the lamp's override) supersedes an
/// unanswered older one.
/// </summary>
public sealed class CommandQueue(BufferDatabase database, TimeProvider time)
{
    /// <summary>Raised when a command is queued, so the dispatcher sends it at once.</summary>
    public event Action? Queued;

    /// <summary>
    /// Signs and queues <paramref name="command"/> for <paramref name="deviceId"/>, valid for
    /// <paramref name="lifetime"/>. Throws <see cref="InvalidOperationException"/> when the device has no key.
    /// </summary>
    public CommandRecord Enqueue(string deviceId, DeviceCommand command, string purpose, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // Counter and queue position in one commit: two commands queued at once go out in counter order.
        var identity = DeviceKeys.Next(connection, transaction, deviceId, now.ToUnixTimeSeconds())
            ?? throw new InvalidOperationException($"device {deviceId} has no command key: register one before sending it commands");
        command.CommandId = identity.CommandId;
        command.Counter = identity.Counter;
        command.Timestamp = (uint)now.ToUnixTimeSeconds();
        // A whole minute, so the compact form carries it exactly.
        var expiry = now.Add(lifetime).ToUnixTimeSeconds();
        command.ExpiresAt = (uint)((expiry + 59) / 60 * 60);
        command.Mac = new byte[CommandMac.Size];
        new CommandMac(identity.Key).Compute(deviceId, command, command.Mac, 0);

        var nowMs = now.ToUnixTimeMilliseconds();
        Execute(connection, transaction, "UPDATE commands SET status = 'Superseded', completed_at = $t WHERE device_id = $d AND purpose = $p AND status = 'Pending'",
            ("$t", nowMs), ("$d", deviceId), ("$p", purpose));
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO commands(device_id, command_id, kind, purpose, payload, status, created_at, next_attempt_at, expires_at)
            VALUES($d, $c, $k, $p, $payload, 'Pending', $t, $t, $e) RETURNING id
            """;
        insert.Parameters.AddWithValue("$d", deviceId);
        insert.Parameters.AddWithValue("$c", (int)command.CommandId);
        insert.Parameters.AddWithValue("$k", Firmware.Codec.WireNames.Of(command.Kind));
        insert.Parameters.AddWithValue("$p", purpose);
        insert.Parameters.AddWithValue("$payload", JsonCodec.Encode(command));
        insert.Parameters.AddWithValue("$t", nowMs);
        insert.Parameters.AddWithValue("$e", (long)command.ExpiresAt * 1000);
        var id = (long)insert.ExecuteScalar()!;
        transaction.Commit();
        Queued?.Invoke();
        return Get(id)!;
    }

    /// <summary>
    /// Makes <paramref name="deviceId"/>'s pending commands due now (it has just connected: what waited for its
    /// backoff goes at once, in queue order, before anything newer can overtake it) and wakes the dispatcher.
    /// </summary>
    public void SendPendingNow(string deviceId)
    {
        using var connection = database.Open();
        if (Execute(connection, null, "UPDATE commands SET next_attempt_at = $t WHERE device_id = $d AND status = 'Pending' AND next_attempt_at > $t",
            ("$t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("$d", deviceId)) > 0)
        {
            Queued?.Invoke();
        }
    }

    /// <summary>
    /// Pending commands to send now, oldest first, with their payloads: those whose next attempt is due, and with
    /// each of them the same device's older pending ones, due or not. A device refuses a counter below one it has
    /// taken, so its commands must reach it in queue (counter) order even when their jittered resends fall out of it.
    /// </summary>
    internal IReadOnlyList<(long Id, string DeviceId, int Attempts, string Payload)> Due(long nowMs, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, device_id, attempts, payload FROM commands c
            WHERE status = 'Pending' AND expires_at > $t
              AND EXISTS (SELECT 1 FROM commands d WHERE d.device_id = c.device_id AND d.status = 'Pending'
                          AND d.next_attempt_at <= $t AND d.expires_at > $t AND d.id >= c.id)
            ORDER BY id LIMIT $n
            """;
        command.Parameters.AddWithValue("$t", nowMs);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var due = new List<(long, string, int, string)>();
        while (reader.Read())
        {
            due.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return due;
    }

    /// <summary>When the next pending command is due to be sent or to expire (Unix ms), or null when none is pending.</summary>
    internal long? NextDueAt()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(min(next_attempt_at, expires_at)) FROM commands WHERE status = 'Pending'";
        return command.ExecuteScalar() is long at ? at : null;
    }

    /// <summary>Records an attempt and when to try again.</summary>
    internal void Attempted(long id, long nextAttemptAtMs)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE commands SET attempts = attempts + 1, next_attempt_at = $n WHERE id = $i", ("$n", nextAttemptAtMs), ("$i", id));
    }

    /// <summary>Not sent in this pass (an earlier command of the same device could not be handed over): tried again at <paramref name="nextAttemptAtMs"/>, not counted as an attempt.</summary>
    internal void Deferred(long id, long nextAttemptAtMs)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE commands SET next_attempt_at = max(next_attempt_at, $n) WHERE id = $i", ("$n", nextAttemptAtMs), ("$i", id));
    }

    /// <summary>Marks pending commands past their expiry as expired and returns them.</summary>
    internal IReadOnlyList<CommandRecord> ExpireDue(long nowMs)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE commands SET status = 'Expired', completed_at = $t WHERE status = 'Pending' AND expires_at <= $t RETURNING {Columns}";
        command.Parameters.AddWithValue("$t", nowMs);
        return ReadAll(command);
    }

    /// <summary>The device answered <paramref name="commandId"/>; returns the command, or null when none was waiting.</summary>
    internal CommandRecord? Complete(string deviceId, ushort commandId, AckResult result)
    {
        var status = result == AckResult.Ok ? CommandStatus.Acknowledged : CommandStatus.Refused;
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // The latest command with that id (ids wrap after 65535); a late answer to an expired one still counts.
        command.CommandText = $"""
            UPDATE commands SET status = $s, result = $r, completed_at = $t
            WHERE id = (SELECT id FROM commands WHERE device_id = $d AND command_id = $c ORDER BY id DESC LIMIT 1)
              AND status IN ('Pending', 'Expired')
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$s", status.ToString());
        command.Parameters.AddWithValue("$r", Firmware.Codec.WireNames.Of(result) ?? result.ToString());
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", (int)commandId);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>
    /// What the network said of the latest <paramref name="commandId"/> of <paramref name="deviceId"/> (a LoRaWAN
    /// gateway transmitted it; the device confirmed all its downlinks); null fields change nothing. Returns the
    /// command, or null when there is none.
    /// </summary>
    public CommandRecord? NetworkDelivery(string deviceId, ushort commandId, DateTimeOffset? transmittedAt, DateTimeOffset? deliveredAt)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE commands SET transmitted_at = coalesce(transmitted_at, $tx), delivered_at = coalesce(delivered_at, $dl)
            WHERE id = (SELECT id FROM commands WHERE device_id = $d AND command_id = $c ORDER BY id DESC LIMIT 1)
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$tx", transmittedAt is { } tx ? tx.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$dl", deliveredAt is { } dl ? dl.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", (int)commandId);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>Whether <paramref name="deviceId"/> has an unanswered command for <paramref name="purpose"/>.</summary>
    public bool HasPending(string deviceId, string purpose)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM commands WHERE device_id = $d AND purpose = $p AND status = 'Pending')";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$p", purpose);
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>One command.</summary>
    public CommandRecord? Get(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM commands WHERE id = $i";
        command.Parameters.AddWithValue("$i", id);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>The latest commands, newest first, optionally of one device.</summary>
    public IReadOnlyList<CommandRecord> Latest(string? deviceId, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM commands WHERE ($d IS NULL OR device_id = $d) ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$d", (object?)deviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", limit);
        return ReadAll(command);
    }

    private const string Columns = "id, device_id, command_id, kind, purpose, status, result, attempts, created_at, expires_at, completed_at, transmitted_at, delivered_at";

    private static List<CommandRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<CommandRecord>();
        while (reader.Read())
        {
            records.Add(new CommandRecord(
                reader.GetInt64(0), reader.GetString(1), (ushort)reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<CommandStatus>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7),
                reader.GetInt64(8), reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetInt64(12)));
        }

        return records;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
