using System.Globalization;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// The durable buffer. Commits many payloads in one transaction (group commit); drops duplicates by
/// (device, boot id, sequence), and keeps delivered readings a grace period before removing them so a
/// device's late resend is still recognised; runs the other folders' commit steps (<see cref="ICommitStep"/>:
/// a meter total must not go down) in the same transaction; keeps each lane in
/// arrival order; and gives every sink its own cursor per lane. All writes go through the one
/// <see cref="BufferWriter"/>; reads use their own connections and never wait for it (WAL). What leaves the
/// buffer is <see cref="BufferRetention"/>'s.
/// </summary>
public sealed class BufferStore : IDisposable
{
    private readonly BufferDatabase _database;
    private readonly BufferWriter _writer;
    private readonly bool _ownsWriter;
    private readonly int _quarantineMaxBytes;
    private readonly ICommitStep[] _steps;

    /// <summary>A buffer on <paramref name="database"/> writing through <paramref name="writer"/>, whose commits run <paramref name="steps"/> on every new item.</summary>
    public BufferStore(BufferDatabase database, BufferWriter writer, IOptions<StorageOptions> storage, IEnumerable<ICommitStep> steps)
    {
        _database = database;
        _writer = writer;
        _quarantineMaxBytes = storage.Value.QuarantineMaxBytes;
        _steps = [.. steps];
    }

    /// <summary>A buffer with a writer of its own (a tool's, a test's), closed with it.</summary>
    public BufferStore(BufferDatabase database, IOptions<StorageOptions> storage, IEnumerable<ICommitStep> steps)
        : this(database, new BufferWriter(database), storage, steps)
    {
        _ownsWriter = true;
    }

    /// <summary>The database.</summary>
    public BufferDatabase Database => _database;

    /// <summary>
    /// Commits a batch: each item is stored, found a duplicate, or quarantined, and its completion says which
    /// once the transaction is on disk. Throws (leaving every completion open) when the commit fails.
    /// </summary>
    public IngestOutcome[] Commit(IReadOnlyList<IngestItem> batch)
    {
        var outcomes = new IngestOutcome[batch.Count];
        var keys = new HashSet<(string, int, int)>();
        _writer.Transact(
            transaction =>
            {
                foreach (var step in _steps)
                {
                    step.Begin(transaction);
                }

                using var insert = _writer.Command(transaction, "INSERT OR IGNORE INTO readings(device_id, boot_id, seq, type, lane, device_time, received_at, payload) VALUES($d, $b, $s, $t, $l, $dt, $r, $p)");
                using var quarantine = _writer.Command(transaction, "INSERT INTO quarantine(received_at, device_id, topic, reason, field, raw, raw_length) VALUES($r, $d, $topic, $reason, $field, $raw, $len) RETURNING id");
                using var exists = _writer.Command(transaction, "SELECT 1 FROM readings WHERE device_id = $d AND boot_id = $b AND seq = $s");
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = Store(batch[i], keys, insert, quarantine, exists);
                }

                return true;
            },
            committed =>
            {
                foreach (var step in _steps)
                {
                    if (committed)
                    {
                        step.Committed();
                    }
                    else
                    {
                        step.Abandoned();
                    }
                }
            });

        if (Array.IndexOf(outcomes, IngestOutcome.Stored) >= 0)
        {
            Stored?.Invoke();
        }

        return outcomes;
    }

    // One item of a commit: quarantined when rejected, a duplicate, refused by a commit step, or stored.
    private IngestOutcome Store(IngestItem item, HashSet<(string, int, int)> keys, SqliteCommand insert, SqliteCommand quarantine, SqliteCommand exists)
    {
        var message = item.Message;
        if (message == null)
        {
            Quarantine(quarantine, item, item.Rejection ?? new Rejection("rejected"));
            return IngestOutcome.Quarantined;
        }

        // A duplicate first: a resend of an older reading must not meet the commit steps (a meter total going down).
        var key = (item.DeviceId, (int)message.BootId, (int)message.Sequence);
        Bind(exists, ("$d", key.DeviceId), ("$b", key.Item2), ("$s", key.Item3));
        if (!keys.Add(key) || exists.ExecuteScalar() != null)
        {
            return IngestOutcome.Duplicate;
        }

        if (Refusal(item, message) is { } refusal)
        {
            Quarantine(quarantine, item, refusal);
            return IngestOutcome.Quarantined;
        }

        Bind(insert, ("$d", item.DeviceId), ("$b", (int)message.BootId), ("$s", (int)message.Sequence), ("$t", (int)message.Type),
            ("$l", (int)Lanes.Of(message.Type)), ("$dt", (long)message.Timestamp), ("$r", item.ReceivedAt), ("$p", JsonCodec.Encode(message)));
        return insert.ExecuteNonQuery() == 1 ? IngestOutcome.Stored : IngestOutcome.Duplicate;
    }

    /// <summary>Raised after a commit that stored new readings (the sinks wake at once instead of at their next poll).</summary>
    public event Action? Stored;

    /// <summary>Proves the buffer can still take a write (the pipeline's heartbeat when no traffic flows).</summary>
    public void Probe() => _writer.WithoutTransaction(connection => BufferDatabase.Execute(connection, "BEGIN IMMEDIATE; ROLLBACK;"));

    /// <summary>Up to <paramref name="limit"/> readings of a lane after <paramref name="afterId"/>, in order.</summary>
    public IReadOnlyList<StoredReading> Read(Lane lane, long afterId, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, device_id, boot_id, seq, type, lane, device_time, received_at, payload FROM readings WHERE lane = $l AND id > $a ORDER BY id LIMIT $n";
        Bind(command, ("$l", (int)lane), ("$a", afterId), ("$n", limit));
        using var reader = command.ExecuteReader();
        var readings = new List<StoredReading>();
        while (reader.Read())
        {
            readings.Add(new StoredReading(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), (MessageType)reader.GetInt32(4),
                (Lane)reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetString(8)));
        }

        return readings;
    }

    /// <summary>
    /// Readings observed from <paramref name="fromUnixSeconds"/> (inclusive) to <paramref name="toUnixSeconds"/>
    /// (exclusive), by the device's time or, where its clock was not set, the arrival; in order of arrival.
    /// </summary>
    public IReadOnlyList<StoredReading> ReadObserved(long fromUnixSeconds, long toUnixSeconds)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, device_id, boot_id, seq, type, lane, device_time, received_at, payload FROM readings "
            + "WHERE (CASE WHEN device_time > 0 THEN device_time ELSE received_at / 1000 END) >= $f "
            + "AND (CASE WHEN device_time > 0 THEN device_time ELSE received_at / 1000 END) < $t ORDER BY id";
        Bind(command, ("$f", fromUnixSeconds), ("$t", toUnixSeconds));
        using var reader = command.ExecuteReader();
        var readings = new List<StoredReading>();
        while (reader.Read())
        {
            readings.Add(new StoredReading(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), (MessageType)reader.GetInt32(4),
                (Lane)reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetString(8)));
        }

        return readings;
    }

    /// <summary>Where a sink is in a lane (0 before it has delivered anything).</summary>
    public long Cursor(string sink, Lane lane)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM sink_cursors WHERE sink = $s AND lane = $l";
        Bind(command, ("$s", sink), ("$l", (int)lane));
        return command.ExecuteScalar() is long position ? position : 0;
    }

    /// <summary>Moves a sink's cursor: everything up to <paramref name="position"/> in the lane is delivered.</summary>
    public void Advance(string sink, Lane lane, long position) =>
        _writer.Write(transaction =>
        {
            using var command = _writer.Command(transaction, "INSERT INTO sink_cursors(sink, lane, position) VALUES($s, $l, $p) ON CONFLICT(sink, lane) DO UPDATE SET position = max(position, excluded.position)");
            Bind(command, ("$s", sink), ("$l", (int)lane), ("$p", position));
            command.ExecuteNonQuery();
        });

    /// <summary>Bytes the buffer's live pages take.</summary>
    public long UsedBytes()
    {
        using var connection = _database.Open();
        var pages = BufferDatabase.Scalar(connection, "PRAGMA page_count") - BufferDatabase.Scalar(connection, "PRAGMA freelist_count");
        return pages * BufferDatabase.Scalar(connection, "PRAGMA page_size");
    }

    /// <summary>Readings waiting in a lane.</summary>
    public long Count(Lane lane)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM readings WHERE lane = $l";
        Bind(command, ("$l", (int)lane));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Readings after a sink's cursor, both lanes.</summary>
    public long Lag(string sink)
    {
        using var connection = _database.Open();
        long lag = 0;
        foreach (var lane in Lanes.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM readings WHERE lane = $l AND id > $p";
            Bind(command, ("$l", (int)lane), ("$p", Cursor(sink, lane)));
            lag += (long)command.ExecuteScalar()!;
        }

        return lag;
    }

    /// <summary>When the oldest waiting reading arrived (Unix ms), or null when the buffer is empty.</summary>
    public long? OldestReceivedAt()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(received_at) FROM readings";
        return command.ExecuteScalar() is long oldest ? oldest : null;
    }

    /// <summary>A persistent counter (drops by cause).</summary>
    public long Counter(string name)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM counters WHERE name = $n";
        Bind(command, ("$n", name));
        return command.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>The newest quarantine entries, newest first: of one device when <paramref name="deviceId"/> is given, older than entry <paramref name="beforeId"/> when that is.</summary>
    public IReadOnlyList<QuarantineEntry> Quarantined(int limit, string? deviceId = null, long? beforeId = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, received_at, device_id, topic, reason, field, raw, raw_length FROM quarantine WHERE ($d IS NULL OR device_id = $d) AND ($b IS NULL OR id < $b) ORDER BY id DESC LIMIT $n";
        Bind(command, ("$n", limit), ("$d", deviceId), ("$b", beforeId));
        using var reader = command.ExecuteReader();
        var entries = new List<QuarantineEntry>();
        while (reader.Read())
        {
            entries.Add(new QuarantineEntry(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), (byte[])reader.GetValue(6), reader.GetInt32(7)));
        }

        return entries;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values) => BufferWriter.Bind(command, values);

    private void Quarantine(SqliteCommand command, IngestItem item, Rejection rejection)
    {
        item.Rejection = rejection;
        var raw = item.Payload.Length > _quarantineMaxBytes ? item.Payload[.._quarantineMaxBytes] : item.Payload;
        Bind(command, ("$r", item.ReceivedAt), ("$d", item.DeviceId.Length == 0 ? null : item.DeviceId), ("$topic", item.Topic), ("$reason", rejection.Reason), ("$field", rejection.Field), ("$raw", raw), ("$len", item.Payload.Length));
        item.QuarantineId = (long)command.ExecuteScalar()!;
    }

    private Rejection? Refusal(IngestItem item, Message message)
    {
        foreach (var step in _steps)
        {
            if (step.Check(item, message) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    internal void AddToCounter(string name, long amount) => _writer.Write(transaction => _writer.AddToCounter(transaction, name, amount));
}

/// <summary>A payload the gateway refused, kept for inspection.</summary>
public sealed record QuarantineEntry(long Id, long ReceivedAt, string? DeviceId, string Topic, string Reason, string? Field, byte[] Raw, int RawLength);
