using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// Fragments of a device's large message (<see cref="Fragments"/>, port 2) kept on disk until the last one
/// arrives, so a gateway restart between two fragments loses nothing: the device has already let go of
/// the ones it sent. A fragment with a tag the device has moved on from, or a count that disagrees with
/// its message's others, restarts that message; fragments left incomplete too long are handed back for
/// the quarantine.
/// </summary>
public sealed class FragmentStore(BufferDatabase database)
{
    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS lorawan_fragments(
            device_id TEXT NOT NULL,
            tag INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            count INTEGER NOT NULL,
            data BLOB NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY(device_id, tag, idx));
        """;

    /// <summary>Keeps a fragment; returns the whole message once every fragment is there (still stored until <see cref="Forget"/>), else null.</summary>
    public byte[]? Add(string deviceId, byte[] frame, long receivedAt, out string? error)
    {
        error = null;
        if (frame.Length < Fragments.HeaderSize + 1)
        {
            error = "a fragment has a 3-byte header and at least one byte of data";
            return null;
        }

        int tag = frame[0], index = frame[1], count = frame[2];
        if (count < 1 || index >= count)
        {
            error = $"fragment {index} of {count} does not exist";
            return null;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM lorawan_fragments WHERE device_id = $d AND (tag <> $t OR count <> $c)", ("$d", deviceId), ("$t", tag), ("$c", count));
        Execute(connection, transaction, "INSERT OR IGNORE INTO lorawan_fragments(device_id, tag, idx, count, data, received_at) VALUES($d, $t, $i, $c, $data, $r)",
            ("$d", deviceId), ("$t", tag), ("$i", index), ("$c", count), ("$data", frame[Fragments.HeaderSize..]), ("$r", receivedAt));
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT data FROM lorawan_fragments WHERE device_id = $d AND tag = $t ORDER BY idx";
        select.Parameters.AddWithValue("$d", deviceId);
        select.Parameters.AddWithValue("$t", tag);
        var parts = new List<byte[]>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                parts.Add((byte[])reader[0]);
            }
        }

        transaction.Commit();
        if (parts.Count < count)
        {
            return null;
        }

        var message = parts.SelectMany(p => p).ToArray();
        if (message.Length > FragmentAssembler.MaxMessage)
        {
            Forget(deviceId);
            error = $"message longer than {FragmentAssembler.MaxMessage} bytes";
            return null;
        }

        return message;
    }

    /// <summary>Drops a device's fragments (its message is committed, or refused).</summary>
    public void Forget(string deviceId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM lorawan_fragments WHERE device_id = $d", ("$d", deviceId));
        transaction.Commit();
    }

    /// <summary>Takes out the fragments of messages whose newest fragment arrived before <paramref name="cutoff"/>: (device, what arrived, how many of how many).</summary>
    public IReadOnlyList<(string DeviceId, byte[] Received, int Have, int Count)> TakeStale(long cutoff)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT device_id, count, data FROM lorawan_fragments WHERE device_id IN (SELECT device_id FROM lorawan_fragments GROUP BY device_id HAVING MAX(received_at) < $c) ORDER BY device_id, idx";
        select.Parameters.AddWithValue("$c", cutoff);
        var stale = new Dictionary<string, (List<byte> Bytes, int Have, int Count)>(StringComparer.Ordinal);
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var device = reader.GetString(0);
                if (!stale.TryGetValue(device, out var entry))
                {
                    entry = ([], 0, reader.GetInt32(1));
                }

                entry.Bytes.AddRange((byte[])reader[2]);
                stale[device] = (entry.Bytes, entry.Have + 1, entry.Count);
            }
        }

        foreach (var device in stale.Keys)
        {
            Execute(connection, transaction, "DELETE FROM lorawan_fragments WHERE device_id = $d", ("$d", device));
        }

        transaction.Commit();
        return [.. stale.Select(p => (p.Key, p.Value.Bytes.ToArray(), p.Value.Have, p.Value.Count))];
    }

    private static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string sql, params (string Name, object Value)[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
