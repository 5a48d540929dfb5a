using System.Text.RegularExpressions;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// The technician's guide, run as written on a fresh gateway: every edgectl command of "1. Provision",
/// "2. Flash" and "Operating from a shell", in order, succeeds. Only what cannot exist here is replaced: the
/// board's serial port and the built image (stand-in files), the CA certificate, the folders written to, and
/// nanoff (a stand-in on the PATH).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed partial class GuideJourneyTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-guide-").FullName;
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(new HostClock()), quiet: true, CancellationToken.None, standardPorts: false);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_guides_commands_work_in_order_on_a_fresh_gateway()
    {
        var lines = Section("## 1. Provision").Concat(Section("## 2. Flash")).Concat(Section("## Operating from a shell")).ToList();
        Assert.True(lines.Count >= 15, $"{lines.Count} commands found");

        var port = Path.Combine(_work, "ttyUSB0");
        File.WriteAllBytes(port, []);
        var image = Path.Combine(_work, "EdgeDevices.Apps.StreetLight.bin");
        File.WriteAllBytes(image, [1, 2, 3]);
        var ca = Path.Combine(_work, "city-ca.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=city CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllText(ca, certificate.ExportCertificatePem());
        }

        var program = Path.Combine(_work, "midnight-dimming.json");
        File.WriteAllText(program, """{ "name": "midnight dimming", "activeFrom": "sunset", "activeUntil": "sunrise", "baseLevel": 100, "steps": [ { "at": "00:00", "level": 50 } ] }""");
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/dev/ttyUSB0"] = port,
            ["firmware/apps/StreetLight/bin/Release/EdgeDevices.Apps.StreetLight.bin"] = image,
            ["city-ca.pem"] = ca,
            ["firmware-archive"] = Path.Combine(_work, "firmware-archive"),
            ["midnight-dimming.json"] = program,
            ["day.csv"] = Path.Combine(_work, "day.csv"),
        };

        using var nanoff = new StandInNanoff();
        foreach (var line in lines)
        {
            var args = Words().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).Skip(1)
                .Select(a => replacements.GetValueOrDefault(a, a)).ToList();
            if (args[0] == "provision")
            {
                // The serial port the technician's laptop has (the default /dev/ttyUSB0 is not here).
                args.AddRange(["--out", Path.Combine(_work, "provisioned"), "--serial-port", port]);
            }
            else if (args[0] == "flash")
            {
                args.AddRange(["--dir", Path.Combine(_work, "provisioned")]);
            }

            var run = await CtlRun.RunAsync(["--gateway", _gateway.HttpUrl, .. args]);
            Assert.True(run.ExitCode == 0, $"{line}\n{run}");
        }

        Assert.True(nanoff.Calls.Count >= 4, "the flash commands ran nanoff");
    }

    private static IEnumerable<string> Section(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(EdgeDevices.Testing.RepositoryRoot.Path, "docs", "technician-guide.md"));
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"docs/technician-guide.md has '{heading}'");
        var inBlock = false;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (inBlock && line.StartsWith("edgectl ", StringComparison.Ordinal))
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
