using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>The buffer's schema across gateway versions: migrated on start, never half-migrated, never downgraded.</summary>
[Trait("Category", "Integration")]
public sealed class MigrationTests
{
    [Fact]
    public void A_version_1_buffer_is_migrated_with_its_readings_and_a_copy_from_before_is_kept()
    {
        var state = Version1Buffer();
        var database = new BufferDatabase(state, "full");
        using var connection = database.Open();
        Assert.Equal(BufferDatabase.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(connection, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(1, BufferDatabase.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'lorawan_devices'"));
        Assert.Equal(3, BufferDatabase.Scalar(connection, "SELECT count(*) FROM readings"));
        Assert.True(File.Exists(Path.Combine(state, "buffer.db.v1.bak")));

        // Opening again changes nothing.
        _ = new BufferDatabase(state, "full");
        Assert.Equal(3, BufferDatabase.Scalar(connection, "SELECT count(*) FROM readings"));
    }

    [Fact]
    public void A_failed_migration_leaves_the_file_as_it_was_and_says_so()
    {
        var state = Version1Buffer();
        var failing = new List<(int, string)>(BufferDatabase.Migrations) { (BufferDatabase.CurrentVersion + 1, "CREATE TABLE extra(x INTEGER); INSERT INTO no_such_table VALUES(1);") };
        var ex = Assert.Throws<BufferMigrationException>(() => new BufferDatabase(state, "full", failing));
        Assert.Contains("from schema version 1", ex.Message);
        Assert.Contains("left as it was", ex.Message);
        Assert.Contains("buffer.db.v1.bak", ex.Message);

        using var connection = new SqliteConnection($"Data Source={Path.Combine(state, "buffer.db")}");
        connection.Open();
        Assert.Equal("1", Text(connection, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(0, BufferDatabase.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('extra', 'lorawan_devices')"));
        Assert.Equal(3, BufferDatabase.Scalar(connection, "SELECT count(*) FROM readings"));
    }

    [Fact]
    public void A_buffer_from_a_newer_gateway_is_refused_untouched()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-migration-").FullName;
        using (var connection = new BufferDatabase(state, "full").Open())
        {
            BufferDatabase.Execute(connection, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }

        var ex = Assert.Throws<BufferMigrationException>(() => new BufferDatabase(state, "full"));
        Assert.Contains("version 99, newer than this gateway", ex.Message);
    }

    [Fact]
    public void The_service_stops_with_the_reason_when_the_buffer_cannot_be_used()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-migration-").FullName;
        using (var connection = new BufferDatabase(state, "full").Open())
        {
            BufferDatabase.Execute(connection, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }

        using var gateway = GatewayProcess.Start(["--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={TestGateway.FreePort()}", "--set", $"http:urls=http://127.0.0.1:{TestGateway.FreePort()}"]);
        Assert.Equal(3, gateway.WaitForExit());
        Assert.Contains("newer than this gateway", gateway.Output);
    }

    // A buffer as the gateway wrote it before schema versions were counted (meta without the LoRaWAN tables).
    [Fact]
    public void A_buffer_gives_freed_pages_back_to_the_disk_and_one_made_without_incremental_vacuum_is_rebuilt_with_it()
    {
        // A new buffer: incremental vacuum on, so dropping readings shrinks the file.
        var fresh = Directory.CreateTempSubdirectory("edgedevices-vacuum-").FullName;
        var database = new BufferDatabase(fresh, "full");
        using (var connection = database.Open())
        {
            Assert.Equal(2, BufferDatabase.Scalar(connection, "PRAGMA auto_vacuum"));
            BufferDatabase.Execute(connection, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO readings(device_id, boot_id, seq, type, lane, device_time, received_at, payload) SELECT 'aq-1', 1, i, 2, 1, 0, 0, printf('%0200d', i) FROM n;");
            BufferDatabase.Execute(connection, "DELETE FROM readings; PRAGMA wal_checkpoint(TRUNCATE);");
            var before = new FileInfo(database.Path).Length;
            BufferDatabase.Execute(connection, "PRAGMA incremental_vacuum(2000); PRAGMA wal_checkpoint(TRUNCATE);");
            Assert.True(new FileInfo(database.Path).Length < before / 2, $"the file stayed at {new FileInfo(database.Path).Length} bytes (from {before})");
        }

        // A file as gateways wrote it before (journal_mode=WAL set first, so auto_vacuum was ignored) is rebuilt, readings kept.
        var old = Version1Buffer();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(old, "buffer.db")};Pooling=False"))
        {
            connection.Open();
            BufferDatabase.Execute(connection, "PRAGMA auto_vacuum=NONE; VACUUM;");
            Assert.Equal(0, BufferDatabase.Scalar(connection, "PRAGMA auto_vacuum"));
        }

        // Opening it (as the command line does beside the service) changes nothing; the gateway's rebuild does.
        var reopened = new BufferDatabase(old, "full");
        Assert.False(reopened.ReturnsFreedSpace());
        using (var connection = reopened.Open())
        {
            BufferDatabase.RebuildWithIncrementalVacuum(connection);
            Assert.Equal(2, BufferDatabase.Scalar(connection, "PRAGMA auto_vacuum"));
            Assert.Equal(3, BufferDatabase.Scalar(connection, "SELECT count(*) FROM readings"));
        }

        Assert.True(reopened.ReturnsFreedSpace());
    }

    private static string Version1Buffer()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-migration-").FullName;
        // The version-1 script and no migration: the file a version-1 gateway wrote.
        using (var connection = new BufferDatabase(state, "full", []).Open())
        {
            BufferDatabase.Execute(connection, """
                INSERT INTO readings(device_id, boot_id, seq, type, lane, device_time, received_at, payload) VALUES
                    ('aq-1', 1, 1, 2, 1, 0, 0, '{}'), ('aq-1', 1, 2, 2, 1, 0, 0, '{}'), ('aq-1', 1, 3, 2, 1, 0, 0, '{}');
                """);
        }

        SqliteConnection.ClearAllPools();
        return state;
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
