using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Tests.Operations;

/// <summary>The gateway under systemd: notifications, the watchdog, the unit file.</summary>
[Trait("Category", "Integration")]
public sealed class SystemdTests
{
    [Fact]
    public async Task Reports_ready_then_feeds_the_watchdog_only_while_the_pipeline_can_commit()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-systemd-").FullName;
        var socketPath = Path.Combine(state, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var notifications = new List<(DateTime At, string Text)>();
        using var listening = new CancellationTokenSource();
        var listener = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (!listening.IsCancellationRequested)
            {
                try
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, listening.Token);
                    lock (notifications)
                    {
                        notifications.Add((DateTime.UtcNow, Encoding.UTF8.GetString(buffer, 0, n)));
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        using var gateway = GatewayProcess.Start(
            ["--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={TestGateway.FreePort()}", "--set", $"http:urls=http://127.0.0.1:{TestGateway.FreePort()}"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "2000000" });
        Eventually.True(() => Seen("READY=1") && Count("WATCHDOG=1") >= 3, () => gateway.Output);

        // Another process takes the buffer's write lock and keeps it: the pipeline can no longer commit.
        using (var blocker = new SqliteConnection($"Data Source={Path.Combine(state, BufferDatabase.FileName)};Pooling=False"))
        {
            blocker.Open();
            BufferDatabase.Execute(blocker, "PRAGMA busy_timeout=10000; BEGIN EXCLUSIVE;");
            await Task.Delay(TimeSpan.FromSeconds(14));
            var recent = Since(DateTime.UtcNow.AddSeconds(-3));
            Assert.DoesNotContain(recent, n => n.Text.Contains("WATCHDOG=1", StringComparison.Ordinal));
            BufferDatabase.Execute(blocker, "ROLLBACK;");
        }

        var resumed = DateTime.UtcNow;
        Eventually.True(() => Since(resumed).Any(n => n.Text.Contains("WATCHDOG=1", StringComparison.Ordinal)), () => "the watchdog was not fed again after the pipeline recovered");
        Assert.Contains("no longer feeding systemd's watchdog", gateway.Output, StringComparison.Ordinal);

        listening.Cancel();
        await listener;

        bool Seen(string text)
        {
            lock (notifications)
            {
                return notifications.Any(n => n.Text.Contains(text, StringComparison.Ordinal));
            }
        }

        int Count(string text)
        {
            lock (notifications)
            {
                return notifications.Count(n => n.Text.Contains(text, StringComparison.Ordinal));
            }
        }

        List<(DateTime At, string Text)> Since(DateTime from)
        {
            lock (notifications)
            {
                return [.. notifications.Where(n => n.At >= from)];
            }
        }
    }

    [Fact]
    public void Systemd_accepts_the_unit_file()
    {
        var unit = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "gateway", "deploy", "edgedevices-gateway.service"));
        Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
        Assert.Contains("WatchdogSec=", unit, StringComparison.Ordinal);
        Assert.Contains("ProtectSystem=strict", unit, StringComparison.Ordinal);
        Assert.Contains("StateDirectory=edgedevices", unit, StringComparison.Ordinal);

        // verify checks that ExecStart exists: point it at a stand-in executable.
        var directory = Directory.CreateTempSubdirectory("edgedevices-unit-").FullName;
        var executable = Path.Combine(directory, "edgedevices-gateway");
        File.WriteAllText(executable, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }
        var copy = Path.Combine(directory, "edgedevices-gateway.service");
        File.WriteAllText(copy, unit.Replace("ExecStart=/opt/edgedevices/gateway/edgedevices-gateway", "ExecStart=" + executable, StringComparison.Ordinal));
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("systemd-analyze is not installed (apt-get install systemd; .ci/run installs it)");
        var start = new ProcessStartInfo(analyze, ["verify", copy]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && !output.Contains("edgedevices-gateway.service", StringComparison.Ordinal), output);
    }

    [Fact]
    public void The_unit_is_bounded_and_its_exposure_by_systemd_analyze_security_is_at_most_2()
    {
        var path = Path.Combine(RepositoryRoot.Path, "gateway", "deploy", "edgedevices-gateway.service");
        var unit = File.ReadAllText(path);
        foreach (var setting in new[] { "MemoryMax=", "TasksMax=", "LimitNOFILE=", "SystemCallFilter=@system-service", "SystemCallArchitectures=native", "NoNewPrivileges=yes" })
        {
            Assert.Contains(setting, unit, StringComparison.Ordinal);
        }

        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("systemd-analyze is not installed (apt-get install systemd; .ci/run installs it)");
        var start = new ProcessStartInfo(analyze, ["security", "--offline=true", "--no-pager", path]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(output, @"Overall exposure level for edgedevices-gateway\.service: (\d+\.\d)");
        Assert.True(match.Success, output);
        var exposure = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(exposure <= 2.0, $"exposure {exposure}:\n{output}");
    }
}
