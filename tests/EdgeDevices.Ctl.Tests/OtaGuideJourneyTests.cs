using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EdgeDevices.Fleet.Gateway;

namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// docs/ota.md's "A release, from a technician's shell", run as written: keys made, a meter provisioned with
/// the release key, an app packed, signed, uploaded and rolled out to every meter, followed and stopped. The
/// gateway is given release.pub as the page says (<c>updates.releaseKey</c>); only the files are placed in a
/// scratch folder and the .pe is a stand-in (its bytes are the device's business, proved by UpdateTests).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed partial class OtaGuideJourneyTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-ota-guide-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_release_commands_of_the_ota_page_work_in_order()
    {
        var lines = Block();
        Assert.True(lines.Count >= 8, $"{lines.Count} commands found");
        var keys = Path.Combine(_work, "release-keys");
        var pe = Path.Combine(_work, "EdgeDevices.Apps.Meter.v0_5_0.pe");
        File.WriteAllBytes(pe, RandomNumberGenerator.GetBytes(6000));
        var port = Path.Combine(_work, "ttyUSB0");
        File.WriteAllBytes(port, []);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["release-keys"] = keys,
            ["release-keys/release.pub"] = Path.Combine(keys, "release.pub"),
            ["release-keys/release.key"] = Path.Combine(keys, "release.key"),
            ["EdgeDevices.Apps.Meter.v0_5_0.pe"] = pe,
            ["meter-0.5.0.bin"] = Path.Combine(_work, "meter-0.5.0.bin"),
        };

        InProcessGateway? gateway = null;
        try
        {
            foreach (var line in lines)
            {
                var args = Words().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).Skip(1)
                    .Select(a => replacements.GetValueOrDefault(a, a)).ToList();
                if (args[0] == "provision")
                {
                    args.AddRange(["--out", Path.Combine(_work, "provisioned"), "--serial-port", port]);
                }

                // The gateway runs with the release key the page's first command made.
                gateway ??= args[0] == "bundle" && args[1] == "keygen" ? null : await InProcessGateway.StartAsync(
                    null, TimeProvider.System, quiet: true, CancellationToken.None, standardPorts: false,
                    new Dictionary<string, string?> { ["updates:releaseKey"] = File.ReadAllText(Path.Combine(keys, "release.pub")).Trim() });
                var run = await CtlRun.RunAsync([.. gateway == null ? [] : new[] { "--gateway", gateway.HttpUrl }, .. args]);
                Assert.True(run.ExitCode == 0, $"{line}\n{run}");
            }
        }
        finally
        {
            if (gateway != null)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    private static List<string> Block()
    {
        var lines = File.ReadAllLines(Path.Combine(EdgeDevices.Testing.RepositoryRoot.Path, "docs", "ota.md"));
        var start = Array.IndexOf(lines, "## A release, from a technician's shell");
        Assert.True(start >= 0, "docs/ota.md has its release section");
        var found = new List<string>();
        var inBlock = false;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (inBlock && line.StartsWith("edgectl ", StringComparison.Ordinal))
            {
                found.Add(line);
            }
        }

        return found;
    }

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
