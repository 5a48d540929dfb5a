using System.Diagnostics;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// edgectl as a technician runs it: the real program on a pseudo-terminal (util-linux <c>script</c>), ANSI on,
/// so Spectre renders spinners and tables as it does at a console — where a "[1/4]" taken for markup used to
/// stop a flash halfway. Through a pipe it is tested by <see cref="EdgectlTests"/>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class TerminalTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-tty-").FullName;
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(new HostClock()), quiet: true, CancellationToken.None, standardPorts: false);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Provision_flash_and_a_table_work_on_a_real_terminal()
    {
        var serial = Path.Combine(_work, "ttyUSB0");
        File.WriteAllBytes(serial, []);
        var image = Path.Combine(_work, "app.bin");
        File.WriteAllBytes(image, [1, 2, 3, 4]);
        using var nanoff = new StandInNanoff();

        var types = Terminal("--gateway", _gateway.HttpUrl, "lamp-types", "set", "led-[100]", "--name", "LED [100 W]", "--watts", "100");
        Assert.True(types.ExitCode == 0, types.Output);
        var provision = Terminal("--gateway", _gateway.HttpUrl, "provision", "sl-7001", "--role", "streetlight", "--lat", "51.17", "--lon", "71.43", "--lamp-type", "led-[100]",
            "--wifi-ssid", "[street]", "--wifi-password", "yyyyyyyy", "--serial-port", serial, "--out", _work);
        Assert.True(provision.ExitCode == 0, provision.Output);
        var flash = Terminal("flash", "sl-7001", "--dir", _work, "--image", image);
        Assert.True(flash.ExitCode == 0, flash.Output);
        Assert.Contains("[1/4] firmware update", flash.Output);
        Assert.Contains("[4/4] network configuration", flash.Output);
        Assert.Contains("Updating to 1.17.0.54", flash.Output);
        Assert.Contains("edgectl verify sl-7001", flash.Output);
        Assert.Equal(4, nanoff.Calls.Count);

        var list = Terminal("--gateway", _gateway.HttpUrl, "lamp-types", "list");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("LED [100 W]", list.Output);
        Assert.Contains("│", list.Output); // a Spectre table, drawn for a terminal
        Assert.DoesNotContain("Could not find color or style", provision.Output + flash.Output + list.Output + types.Output);
    }

    // Runs the built edgectl on a pseudo-terminal: standard output is a tty, as at a console.
    private static (int ExitCode, string Output) Terminal(params string[] args)
    {
        var edgectl = Path.Combine(AppContext.BaseDirectory, "edgectl.dll");
        var commandLine = string.Join(' ', new[] { "dotnet", edgectl }.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script", ["-qefc", commandLine, "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "160";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
