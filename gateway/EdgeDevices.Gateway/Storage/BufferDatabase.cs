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

    /// <summary>
    /// The write-ahead log is checkpointed at about this size (SQLite's 1,000 pages) and cut back to it after a
    /// checkpoint, so the room a checkpoint needs on the disk is bounded (see <see cref="DiskReserve"/>).
    /// </summary>
    public const long LogLimitBytes = 4L << 20;

    /// <summary>
    /// Schema changes after version 1, in order: each brings the file from the version before to its own.
    /// A new table or column goes here (never into the version-1 script), so an upgraded gateway migrates
    /// the buffer it finds.
    /// </summary>
    internal static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (2, Southbound.LoRaWan.LoRaWanSchema.Sql + Southbound.LoRaWan.FragmentStore.Sql),
        (3, Updates.RolloutSchema.Sql),
        (4, Southbound.DeviceSites.Sql),
        (5, Northbound.SinkRejects.Sql),
        (6, Southbound.LoRaWan.LoRaWanLinks.Sql + Southbound.LoRaWan.LoRaWanDownlinks.Sql + Southbound.DeviceHistory.Sql + Commands.CommandSchema.NetworkDeliverySql),
        (7, AirQuality.AirQualitySchema.Pm1Sql),
        (8, Lighting.LampParameterDistributor.Sql),
        (9, Southbound.CredentialRotation.Sql),
        (10, Alarms.AlarmSchema.AcknowledgeSql),
        (11, Southbound.DeviceChanges.Sql),
        (12, Access.AccountStore.Sql + Access.AuditLog.Sql),
    ];

    private readonly string _connectionString;
    private readonly string _synchronous;

    /// <summary>Opens (creating and migrating when needed) the database in <paramref name="stateDirectory"/>.</summary>
    public BufferDatabase(string stateDirectory, string synchronous)
        : this(stateDirectory, synchronous, Migrations)
    {
    }

    /// <summary>As above, with the migrations given (tests use it to make one fail).</summary>
    internal BufferDatabase(string stateDirectory, string synchronous, IReadOnlyList<(int Version, string Sql)> migrations)
    {
        Directory.CreateDirectory(stateDirectory);
        Path = System.IO.Path.Combine(stateDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _synchronous = synchronous == "normal" ? "NORMAL" : "FULL";
        UseIncrementalVacuum();
        using var connection = Open();
        Migrate(connection, migrations);
    }

    /// <summary>The schema version this gateway writes.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A new connection with the gateway's pragmas.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA journal_size_limit={LogLimitBytes};");
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

    // A new file gets the version-1 tables and every migration; a file of an older version is copied
    // aside, then migrated in one transaction: a migration that fails rolls back, leaving the file as it was.
    private void Migrate(SqliteConnection connection, IReadOnlyList<(int Version, string Sql)> migrations)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        var found = ReadVersion(connection);
        var target = migrations.Count == 0 ? 1 : migrations[^1].Version;
        if (found > target)
        {
            throw new BufferMigrationException($"{Path} has schema version {found}, newer than this gateway's ({target}): it was written by a newer gateway. Install that version again, or restore a backup of the buffer; the file was left untouched.");
        }

        if (found == target)
        {
            return;
        }

        string? backup = null;
        if (found > 0)
        {
            backup = Path + $".v{found}.bak";
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Pooling = false }.ToString());
            copy.Open();
            connection.BackupDatabase(copy);
        }

        using var transaction = connection.BeginTransaction();
        var step = found;
        try
        {
            if (found == 0)
            {
                Execute(connection, Version1, transaction);
                step = 1;
            }

            foreach (var (version, sql) in migrations.Where(m => m.Version > step))
            {
                Execute(connection, sql, transaction);
                step = version;
            }

            Execute(connection, $"INSERT INTO meta(key, value) VALUES('schema_version', '{target}') ON CONFLICT(key) DO UPDATE SET value = excluded.value;", transaction);
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            transaction.Rollback();
            throw new BufferMigrationException($"migrating {Path} from schema version {found} to {step + 1} failed ({ex.Message}); the file was left as it was" + (backup == null ? "." : $", and a copy from before is in {backup}."), ex);
        }
    }

    // Freed pages go back to the file system only with auto_vacuum=INCREMENTAL (see BufferRetention.ReleaseSpace). It
    // must be set before anything else touches a new file: once journal_mode=WAL has written the header, SQLite
    // ignores it, which left every buffer made before 2026-12 without it. Such a file is rebuilt once by the
    // running gateway (BufferHousekeeper), never here: the command line opens the file beside the service.
    private void UseIncrementalVacuum()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL;");
    }

    /// <summary>Whether the file gives freed pages back to the file system (incremental vacuum on).</summary>
    public bool ReturnsFreedSpace()
    {
        using var connection = Open();
        return Scalar(connection, "PRAGMA auto_vacuum") == 2;
    }

    /// <summary>
    /// Rebuilds a file made without incremental vacuum so that it has it (VACUUM: it needs room for a copy and
    /// holds the write lock meanwhile), on <paramref name="connection"/>.
    /// </summary>
    public static void RebuildWithIncrementalVacuum(SqliteConnection connection) => Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL; VACUUM;");

    // The version in meta, 1 for a file from before versions were kept there, 0 for a new file.
    private static int ReadVersion(SqliteConnection connection)
    {
        if (Scalar(connection, "SELECT count(*) FROM meta WHERE key = 'schema_version'") > 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            return int.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        return Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'readings'") > 0 ? 1 : 0;
    }

    private static string Version1 => """
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
        """
        + Commands.CommandSchema.Sql
        + Lighting.LightingSchema.Sql
        + Alarms.AlarmSchema.Sql
        + Metering.MeteringSchema.Sql
        + AirQuality.AirQualitySchema.Sql;
}
