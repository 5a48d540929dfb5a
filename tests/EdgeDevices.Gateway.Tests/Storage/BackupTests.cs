using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>The buffer backup the install guide gives (SQLite's online backup with Debian's sqlite3) works while the gateway runs.</summary>
[Trait("Category", "Integration")]
public sealed class BackupTests
{
    [Fact]
    public async Task The_documented_backup_command_copies_a_running_gateways_buffer_whole()
    {
        var sqlite3 = new[] { "/usr/bin/sqlite3", "/usr/local/bin/sqlite3" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("sqlite3 is not installed (apt-get install sqlite3; .ci/run installs it)");
        await using var gateway = await TestGateway.StartAsync();
        await using (var node = await gateway.DeviceAsync("aq-0300"))
        {
            for (var i = 0; i < 50; i++)
            {
                await node.PublishAsync(Readings.AirQuality(i));
            }
        }

        // docs/gateway-install.md: sqlite3 /var/lib/edgedevices/buffer.db ".backup /var/backups/edgedevices-buffer.db"
        var copy = Path.Combine(Directory.CreateTempSubdirectory("edgedevices-backup-").FullName, "edgedevices-buffer.db");
        using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(sqlite3, [Path.Combine(gateway.StateDirectory, BufferDatabase.FileName), $".backup {copy}"]) { RedirectStandardError = true })!)
        {
            Assert.True(process.WaitForExit(30_000));
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly");
        connection.Open();
        Assert.Equal(50, BufferDatabase.Scalar(connection, "SELECT count(*) FROM readings"));
        Assert.Equal("ok", (string)new SqliteCommand("PRAGMA integrity_check", connection).ExecuteScalar()!);
    }
}
