using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// The gateway's SQLite file in WAL mode: readers never wait for the writer and a crash never leaves it
/// half-written. With <c>synchronous=FULL</c> every commit is on the disk before the devices are told their
/// messages are safe, so even a power cut loses nothing acknowledged; <c>NORMAL</c> survives a crash of the
/// gateway, not of the machine. Pages freed by deletes are returned to the file system bit by bit
/// (incremental auto-vacuum), so the file shrinks after an outage has drained.
/// </summary>
public sealed class BufferDatabase
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "buffer.db";

    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly string _synchronous;

    /// <summary>Opens (creating and migrating when needed) the database in <paramref name="stateDirectory"/>.</summary>
    public BufferDatabase(string stateDirectory, string synchronous)
    {
        Directory.CreateDirectory(stateDirectory);
        Path = System.IO.Path.Combine(stateDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _synchronous = synchronous == "normal" ? "NORMAL" : "FULL";
        using var connection = Open();
        Migrate(connection);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A new connection with the gateway's pragmas.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    /// <summary>Runs a statement.</summary>
    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query returning one number.</summary>
    public static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Migrate(SqliteConnection connection)
    {
        // auto_vacuum only takes effect before the first table exists.
        Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS readings(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                device_id TEXT NOT NULL,
                boot_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                type INTEGER NOT NULL,
                lane INTEGER NOT NULL,
                device_time INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE(device_id, boot_id, seq));
            CREATE INDEX IF NOT EXISTS readings_lane ON readings(lane, id);
            CREATE INDEX IF NOT EXISTS readings_received ON readings(received_at);
            CREATE TABLE IF NOT EXISTS meter_totals(
                device_id TEXT NOT NULL,
                channel INTEGER NOT NULL,
                total_milli INTEGER NOT NULL,
                PRIMARY KEY(device_id, channel));
            CREATE TABLE IF NOT EXISTS quarantine(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at INTEGER NOT NULL,
                device_id TEXT,
                topic TEXT NOT NULL,
                reason TEXT NOT NULL,
                field TEXT,
                raw BLOB NOT NULL,
                raw_length INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sink_cursors(
                sink TEXT NOT NULL,
                lane INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY(sink, lane));
            CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS devices(
                device_id TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 1);
            """);
        Execute(connection, Commands.CommandSchema.Sql);
        Execute(connection, Lighting.LightingSchema.Sql);
        Execute(connection, Alarms.AlarmSchema.Sql);
        Execute(connection, Metering.MeteringSchema.Sql);
        Execute(connection, AirQuality.AirQualitySchema.Sql);
        Execute(connection, Southbound.LoRaWan.LoRaWanSchema.Sql);
        Execute(connection, Southbound.LoRaWan.FragmentStore.Sql);
        Execute(connection, $"INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '{SchemaVersion}');");
    }
}
