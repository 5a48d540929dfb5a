using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// <c>edgectl bundle pack</c> and <c>edgectl rollout</c> against the real gateway: pack, sign, upload, start a
/// rollout, follow it, stop it; bad requests say which option is wrong. (The devices' side of a rollout is
/// proved end to end by the hardware-in-loop UpdateTests.)
/// </summary>
[Trait("Category", "Integration")]
public sealed class RolloutTests
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-rollout-").FullName;

    [Fact]
    public async Task A_packed_signed_bundle_is_rolled_out_canary_first_followed_and_stopped_from_the_shell()
    {
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "keygen", "--out", _work)).ExitCode);
        await using var gateway = await EdgeDevices.Fleet.Gateway.InProcessGateway.StartAsync(null, TimeProvider.System, quiet: true, CancellationToken.None, standardPorts: false,
            new Dictionary<string, string?> { ["updates:releaseKey"] = File.ReadAllText(Path.Combine(_work, "release.pub")).Trim() });
        string[] devices = ["m-roll-1", "m-roll-2", "m-roll-3"];
        foreach (var device in devices)
        {
            gateway.Register(device, "password-" + device, RandomNumberGenerator.GetBytes(32));
        }

        // Two .pe files and the entry type into one bundle, as the device's loader reads it.
        var pe1 = Path.Combine(_work, "Lib.pe");
        var pe2 = Path.Combine(_work, "EdgeDevices.Apps.Meter.pe");
        File.WriteAllBytes(pe1, RandomNumberGenerator.GetBytes(3000));
        File.WriteAllBytes(pe2, RandomNumberGenerator.GetBytes(9000));
        var bundle = Path.Combine(_work, "meter-0.5.0.bin");
        var pack = await CtlRun.RunAsync("bundle", "pack", pe1, pe2, "--entry", "EdgeDevices.Apps.Meter.Program", "--out", bundle);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var image = BundleImageReader.Read(new Flash(File.ReadAllBytes(bundle)), (int)new FileInfo(bundle).Length)!;
        Assert.Equal("EdgeDevices.Apps.Meter.Program", image.EntryType);
        Assert.Equal([File.ReadAllBytes(pe1), File.ReadAllBytes(pe2)], image.Assemblies);
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "sign", bundle, "--app", "meter", "--version", "0.5.0", "--key", Path.Combine(_work, "release.key"))).ExitCode);
        Assert.Equal(0, (await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "bundle", "upload", bundle)).ExitCode);

        var unknown = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "rollout", "start", "--app", "meter", "--version", "0.9.9", "--device", devices[0]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no bundle meter 0.9.9 is stored", unknown.Error, StringComparison.Ordinal);

        var start = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "--json", "rollout", "start", "--app", "meter", "--version", "0.5.0",
            "--device", devices[0], "--device", devices[1], "--device", devices[2], "--canary", "34", "--wave-size", "1");
        Assert.True(start.ExitCode == 0, start.ToString());
        var rollout = JsonNode.Parse(start.Output)!;
        var id = rollout["id"]!.GetValue<long>();
        var rows = rollout["devices"]!.AsArray();
        Assert.Equal([0, 0, 1], rows.Select(d => d!["wave"]!.GetValue<int>()).Order());
        Assert.All(rows.Where(d => d!["wave"]!.GetValue<int>() == 0), d => Assert.Equal("sent", d!["status"]!.GetValue<string>()));
        Assert.All(rows.Where(d => d!["wave"]!.GetValue<int>() == 1), d => Assert.Equal("pending", d!["status"]!.GetValue<string>()));

        // A second rollout of the same app waits for this one.
        var second = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "rollout", "start", "--app", "meter", "--version", "0.5.0", "--all");
        Assert.Equal(6, second.ExitCode);
        Assert.Contains("still running", second.Error);

        var list = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "rollout", "status");
        Assert.Contains($"{id}\tmeter\t0.5.0\trunning\t0\t1 pending, 2 sent", list.Output);
        var stop = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "rollout", "stop", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var status = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "rollout", "status", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10, status.ExitCode);
        Assert.Contains("stopped (stopped by an operator)", status.Output);
        Assert.Contains("\tnotSent\t", status.Output);
        Directory.Delete(_work, recursive: true);
    }

    [Theory]
    [InlineData("no devices chosen", 2, "rollout", "start", "--app", "meter", "--version", "0.5.0")]
    [InlineData("no registered device runs meter", 2, "rollout", "start", "--app", "meter", "--version", "0.9.9", "--all")]
    [InlineData("no device 'm-nobody' is registered", 2, "rollout", "start", "--app", "meter", "--version", "0.9.9", "--device", "m-nobody")]
    [InlineData("not running", 6, "rollout", "stop", "42")]
    [InlineData("no rollout 42", 5, "rollout", "status", "42")]
    public async Task A_bad_rollout_request_says_what_is_wrong(string message, int exitCode, params string[] args)
    {
        await using var gateway = await EdgeDevices.Fleet.Gateway.InProcessGateway.StartAsync(null, TimeProvider.System, quiet: true, CancellationToken.None, standardPorts: false);
        var run = await CtlRun.RunAsync(["--gateway", gateway.HttpUrl, .. args]);
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Directory.Delete(_work, recursive: true);
    }

    private sealed class Flash(byte[] bytes) : EdgeDevices.Firmware.Storage.IFlashStorage
    {
        public int Length => bytes.Length;

        public void Read(int position, byte[] buffer, int offset, int count) => Array.Copy(bytes, position, buffer, offset, count);

        public void Write(int position, byte[] buffer, int offset, int count) => Array.Copy(buffer, offset, bytes, position, count);

        public void Flush()
        {
        }
    }
}
