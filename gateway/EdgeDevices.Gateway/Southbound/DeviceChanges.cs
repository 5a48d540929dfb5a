using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// A log of changes to the devices' registrations (added, password replaced, removed), written in the same
/// commit as the change by whichever process made it — the service's REST API or the command line beside it —
/// so the running gateway acts on each within a poll (<see cref="DeviceChangeWatcher"/>): a removed device's
/// session is closed and its old password refused at once, a device added from the shell is known at once.
/// </summary>
public static class DeviceChanges
{
    /// <summary>A device was registered for the first time.</summary>
    public const string Added = "added";

    /// <summary>A registered device was given another password (its live session must go).</summary>
    public const string Replaced = "replaced";

    /// <summary>A device was removed (its live session and its broker session must go).</summary>
    public const string Removed = "removed";

    /// <summary>Migration 11.</summary>
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS device_changes(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            change TEXT NOT NULL,
            at INTEGER NOT NULL);
        """;

    /// <summary>Records a change inside the caller's transaction.</summary>
    public static void Record(SqliteConnection connection, SqliteTransaction? transaction, string deviceId, string change, long atMs)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO device_changes(device_id, change, at) VALUES($d, $c, $t); DELETE FROM device_changes WHERE seq <= last_insert_rowid() - 10000";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", change);
        command.Parameters.AddWithValue("$t", atMs);
        command.ExecuteNonQuery();
    }

    /// <summary>The changes after <paramref name="seq"/>, oldest first.</summary>
    public static IReadOnlyList<(long Seq, string DeviceId, string Change)> Since(BufferDatabase database, long seq)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, device_id, change FROM device_changes WHERE seq > $s ORDER BY seq LIMIT 1000";
        command.Parameters.AddWithValue("$s", seq);
        using var reader = command.ExecuteReader();
        var changes = new List<(long, string, string)>();
        while (reader.Read())
        {
            changes.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return changes;
    }

    /// <summary>The newest change's number (0 when none).</summary>
    public static long Last(BufferDatabase database)
    {
        using var connection = database.Open();
        return BufferDatabase.Scalar(connection, "SELECT coalesce(max(seq), 0) FROM device_changes");
    }
}
