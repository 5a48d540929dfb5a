using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests;

/// <summary>What an operator does with the installed service: back it up while it runs, and start it when a port is taken.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class OperatorJourneyTests
{
    [Fact]
    public async Task A_backup_taken_while_the_gateway_runs_is_consistent_complete_and_owner_only()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-backup-").FullName;
        await using var gateway = await TestGateway.StartAsync(stateDirectory: state);
        gateway.Services.GetRequiredService<DeviceKeys>().Set("m-0900", new byte[32]);
        await using var meter = await gateway.DeviceAsync("m-0900");
        for (var i = 0; i < 20; i++)
        {
            await meter.PublishAsync(Readings.Meter(i, 1000 * (i + 1)));
        }

        // As documented: the gateway's own command, into the state directory by default.
        using var run = GatewayProcess.Start(["backup", "--set", $"stateDirectory={state}"]);
        Assert.True(run.WaitForExit() == 0, run.Output);
        var folder = Path.GetDirectoryName(run.Output.Split('\n').First(l => l.EndsWith("buffer.db", StringComparison.Ordinal)).Trim())!;
        Assert.StartsWith(Path.Combine(state, "backups"), folder, StringComparison.Ordinal);
        Assert.Contains("command key", run.Output);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "buffer.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "pseudonym.key")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(state, "pseudonym.key")), File.ReadAllBytes(Path.Combine(folder, "pseudonym.key")));

        using var copy = new SqliteConnection($"Data Source={Path.Combine(folder, "buffer.db")};Mode=ReadOnly;Pooling=False");
        copy.Open();
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
        Assert.Equal(20L, Scalar(copy, "SELECT count(*) FROM readings WHERE device_id = 'm-0900'"));
        Assert.Equal(1L, Scalar(copy, "SELECT count(*) FROM device_keys WHERE device_id = 'm-0900'"));

        // A second backup into the same folder is refused, not written over.
        using var again = GatewayProcess.Start(["backup", "--set", $"stateDirectory={state}", "--output", folder]);
        Assert.Equal(1, again.WaitForExit());
        Assert.Contains("exists already", again.Output);
        Assert.Contains("next:", again.Output);
    }

    [Theory]
    [InlineData("southbound.embedded.port")]
    [InlineData("http.urls")]
    public void A_port_another_program_holds_is_one_line_and_an_exit_code_systemd_does_not_restart_on(string setting)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var free = LocalServer.FreePort();
        var state = Directory.CreateTempSubdirectory("edgedevices-port-").FullName;
        var (broker, http) = setting == "http.urls" ? (free, taken) : (taken, free);
        using var run = GatewayProcess.Start(["--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={broker}", "--set", $"http:urls=http://127.0.0.1:{http}"]);
        Assert.Equal(4, run.WaitForExit());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"port {taken} ({setting}) is in use by", line);
        Assert.Contains($"ss -ltnp 'sport = :{taken}'", line);

        // The unit does not restart on it.
        var unit = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "gateway", "deploy", "edgedevices-gateway.service"));
        Assert.Contains("RestartPreventExitStatus=2 3 4", unit);
    }

    private static object Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }
}
