using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// The readings a sink's destination refused for good (an NGSI-LD broker's 400 for one entity, an entity
/// that cannot be valid yet because its device has no position), each with the destination's reason. The
/// reading is copied here whole, so it outlives the buffer's clean-up; the operator sees it in
/// <c>GET /api/sinks/rejects</c> and, once the cause is fixed, sends it again with
/// <c>POST /api/sinks/{sink}/rejects/retry</c> (recording a device's position marks its refused readings
/// by itself). They are bounded like the buffer, and every one dropped is counted: after the retention
/// days (from the reading's arrival), beyond <see cref="MaxPerSink"/> (oldest first), and first of all when
/// the disk quota is reached, ahead of any reading not yet delivered.
/// </summary>
public sealed class SinkRejects(BufferDatabase database, TimeProvider time)
{
    /// <summary>Most refused readings kept per sink.</summary>
    public const int MaxPerSink = 100_000;

    /// <summary>Records <paramref name="rejected"/> readings of <paramref name="sink"/> with their reasons (a reading refused again gets its new reason).</summary>
    public void Add(string sink, IEnumerable<(StoredReading Reading, string Reason)> rejected)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO sink_rejects(sink, reading_id, device_id, boot_id, seq, type, lane, device_time, received_at, payload, reason, rejected_at, retry)
            VALUES($s, $id, $d, $b, $q, $type, $lane, $dt, $ra, $p, $reason, $at, 0)
            ON CONFLICT(sink, reading_id) DO UPDATE SET reason = excluded.reason, rejected_at = excluded.rejected_at, retry = 0
            """;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (r, reason) in rejected)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$s", sink);
            command.Parameters.AddWithValue("$id", r.Id);
            command.Parameters.AddWithValue("$d", r.DeviceId);
            command.Parameters.AddWithValue("$b", r.BootId);
            command.Parameters.AddWithValue("$q", r.Sequence);
            command.Parameters.AddWithValue("$type", (int)r.Type);
            command.Parameters.AddWithValue("$lane", (int)r.Lane);
            command.Parameters.AddWithValue("$dt", r.DeviceTime);
            command.Parameters.AddWithValue("$ra", r.ReceivedAt);
            command.Parameters.AddWithValue("$p", r.Payload);
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$at", now);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The refused readings of <paramref name="sink"/> (all sinks when null), newest first.</summary>
    public IReadOnlyList<SinkReject> List(string? sink = null, int limit = 200)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sink, reading_id, device_id, boot_id, seq, type, lane, device_time, received_at, payload, reason, rejected_at, retry FROM sink_rejects WHERE $s IS NULL OR sink = $s ORDER BY rejected_at DESC, reading_id DESC LIMIT $n";
        command.Parameters.AddWithValue("$s", (object?)sink ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", limit);
        return Read(command);
    }

    /// <summary>How many readings <paramref name="sink"/> has refused and not yet delivered.</summary>
    public long Count(string sink)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sink_rejects WHERE sink = $s";
        command.Parameters.AddWithValue("$s", sink);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Marks refused readings of <paramref name="sink"/> to be sent again (one, or all when <paramref name="readingId"/> is null); returns how many.</summary>
    public int MarkForRetry(string sink, long? readingId = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE sink_rejects SET retry = 1 WHERE sink = $s AND ($id IS NULL OR reading_id = $id)";
        command.Parameters.AddWithValue("$s", sink);
        command.Parameters.AddWithValue("$id", (object?)readingId ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    /// <summary>Marks every sink's refused readings of <paramref name="deviceId"/> to be sent again (its position was just recorded); returns how many.</summary>
    public int MarkDeviceForRetry(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE sink_rejects SET retry = 1 WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        return command.ExecuteNonQuery();
    }

    /// <summary>Up to <paramref name="limit"/> readings of <paramref name="sink"/> marked to be sent again, oldest first.</summary>
    public IReadOnlyList<StoredReading> ToRetry(string sink, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sink, reading_id, device_id, boot_id, seq, type, lane, device_time, received_at, payload, reason, rejected_at, retry FROM sink_rejects WHERE sink = $s AND retry = 1 ORDER BY reading_id LIMIT $n";
        command.Parameters.AddWithValue("$s", sink);
        command.Parameters.AddWithValue("$n", limit);
        return [.. Read(command).Select(r => r.Reading)];
    }

    /// <summary>Forgets readings of <paramref name="sink"/> that have now been delivered.</summary>
    public void Delivered(string sink, IEnumerable<long> readingIds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM sink_rejects WHERE sink = $s AND reading_id = $id";
        foreach (var id in readingIds)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$s", sink);
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Drops refused readings that arrived before <paramref name="cutoffMs"/> (the buffer's retention); returns how many.</summary>
    public int RemoveOlderThan(long cutoffMs) => Delete("DELETE FROM sink_rejects WHERE received_at < $n", cutoffMs);

    /// <summary>Drops the oldest refused readings of each sink beyond <paramref name="maxPerSink"/>; returns how many.</summary>
    public int RemoveBeyond(int maxPerSink)
    {
        var removed = 0;
        foreach (var sink in Sinks())
        {
            removed += Delete(
                "DELETE FROM sink_rejects WHERE sink = $s AND reading_id IN (SELECT reading_id FROM sink_rejects WHERE sink = $s ORDER BY reading_id DESC LIMIT -1 OFFSET $n)",
                maxPerSink,
                sink);
        }

        return removed;
    }

    /// <summary>Drops up to <paramref name="count"/> of the oldest refused readings, whatever the sink (the disk quota is reached); returns how many.</summary>
    public int RemoveOldest(int count) =>
        Delete("DELETE FROM sink_rejects WHERE rowid IN (SELECT rowid FROM sink_rejects ORDER BY received_at LIMIT $n)", count);

    private List<string> Sinks()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT sink FROM sink_rejects";
        using var reader = command.ExecuteReader();
        var sinks = new List<string>();
        while (reader.Read())
        {
            sinks.Add(reader.GetString(0));
        }

        return sinks;
    }

    private int Delete(string sql, long number, string? sink = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$n", number);
        if (sink != null)
        {
            command.Parameters.AddWithValue("$s", sink);
        }

        return command.ExecuteNonQuery();
    }

    private static List<SinkReject> Read(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rejects = new List<SinkReject>();
        while (reader.Read())
        {
            var reading = new StoredReading(
                reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), (MessageType)reader.GetInt32(5),
                (Lane)reader.GetInt32(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetString(9));
            rejects.Add(new SinkReject(reader.GetString(0), reading, reader.GetString(10), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)), reader.GetInt64(12) == 1));
        }

        return rejects;
    }

    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS sink_rejects(
            sink TEXT NOT NULL,
            reading_id INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            boot_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            type INTEGER NOT NULL,
            lane INTEGER NOT NULL,
            device_time INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            reason TEXT NOT NULL,
            rejected_at INTEGER NOT NULL,
            retry INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(sink, reading_id));
        CREATE INDEX IF NOT EXISTS sink_rejects_retry ON sink_rejects(sink, reading_id) WHERE retry = 1;
        CREATE INDEX IF NOT EXISTS sink_rejects_received ON sink_rejects(received_at);
        CREATE INDEX IF NOT EXISTS sink_rejects_device ON sink_rejects(device_id);
        """;
}

/// <summary>A reading a sink's destination refused, with its reason; <see cref="Retry"/> while it waits to be sent again.</summary>
public sealed record SinkReject(string Sink, StoredReading Reading, string Reason, DateTimeOffset RejectedAt, bool Retry);

/// <summary>A reading of a batch that the destination refused for good, and why (in the destination's words).</summary>
public sealed record SinkRejection(long ReadingId, string Reason);
