using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Ctl.Tests;

/// <summary><c>edgectl bundle keygen|sign</c>: what it signs is what a device accepts with the public key, and only that.</summary>
[Trait("Category", "Integration")]
public sealed class BundleTests
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-bundle-").FullName;

    [Fact]
    public async Task A_signed_bundle_passes_the_devices_checks_and_a_changed_one_does_not()
    {
        var keygen = await CtlRun.RunAsync("bundle", "keygen", "--out", _work);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var publicKey = Convert.FromHexString(File.ReadAllText(Path.Combine(_work, "release.pub")).Trim());

        var again = await CtlRun.RunAsync("bundle", "keygen", "--out", _work);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("orphan", again.Error);

        var bundle = Path.Combine(_work, "EdgeDevices.Apps.StreetLight.bin");
        var bytes = RandomNumberGenerator.GetBytes(40_000);
        File.WriteAllBytes(bundle, bytes);
        var sign = await CtlRun.RunAsync("--json", "bundle", "sign", bundle, "--app", "streetlight", "--version", "0.5.0", "--key", Path.Combine(_work, "release.key"));
        Assert.True(sign.ExitCode == 0, sign.ToString());

        var json = JsonNode.Parse(File.ReadAllText(bundle + ".manifest.json"))!;
        var manifest = new BundleManifest
        {
            App = json["app"]!.GetValue<string>(),
            Major = 0,
            Minor = 5,
            Patch = 0,
            Size = json["size"]!.GetValue<int>(),
            Sha256 = Convert.FromHexString(json["sha256"]!.GetValue<string>()),
            Signature = Convert.FromHexString(json["signature"]!.GetValue<string>()),
        };
        Assert.Equal("0.5.0", json["version"]!.GetValue<string>());
        Assert.Equal(UpdateVerdict.Accepted, UpdateCheck.Manifest(manifest, publicKey, "streetlight", 0, 4, 0, 1_000_000));
        Assert.Equal(UpdateVerdict.Accepted, UpdateCheck.Content(manifest, bytes.Length, SHA256.HashData(bytes)));
        manifest.Size++;
        Assert.Equal(UpdateVerdict.BadSignature, UpdateCheck.Manifest(manifest, publicKey, "streetlight", 0, 4, 0, 1_000_000));

        var badVersion = await CtlRun.RunAsync("bundle", "sign", bundle, "--app", "streetlight", "--version", "five", "--key", Path.Combine(_work, "release.key"));
        Assert.Equal(2, badVersion.ExitCode);
        Assert.Contains("major.minor.patch", badVersion.Error);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_gateway_takes_a_bundle_signed_by_its_release_key_and_refuses_others_with_the_reason()
    {
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "keygen", "--out", _work)).ExitCode);
        var releaseKey = File.ReadAllText(Path.Combine(_work, "release.pub")).Trim();
        await using var gateway = await EdgeDevices.Fleet.Gateway.InProcessGateway.StartAsync(null, TimeProvider.System, quiet: true, CancellationToken.None, standardPorts: false,
            new Dictionary<string, string?> { ["updates:releaseKey"] = releaseKey });

        var bundle = Path.Combine(_work, "EdgeDevices.Apps.Meter.bin");
        File.WriteAllBytes(bundle, RandomNumberGenerator.GetBytes(20_000));
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "sign", bundle, "--app", "meter", "--version", "0.5.0", "--key", Path.Combine(_work, "release.key"))).ExitCode);
        var upload = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "bundle", "upload", bundle);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains("meter\t0.5.0\tstored", upload.Output);
        using (var http = new HttpClient { BaseAddress = new Uri(gateway.HttpUrl) })
        {
            var listed = JsonNode.Parse(await http.GetStringAsync("/api/updates"))!.AsArray();
            Assert.Equal("0.5.0", Assert.Single(listed)!["version"]!.GetValue<string>());
        }

        // Changed after signing: the gateway refuses it and says why.
        var bytes = File.ReadAllBytes(bundle);
        bytes[10] ^= 1;
        File.WriteAllBytes(bundle, bytes);
        var tampered = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "bundle", "upload", bundle);
        Assert.Equal(2, tampered.ExitCode);
        Assert.Contains("SHA-256", tampered.Error);

        // Signed with another key.
        var other = Path.Combine(_work, "other");
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "keygen", "--out", other)).ExitCode);
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "sign", bundle, "--app", "meter", "--version", "0.5.1", "--key", Path.Combine(other, "release.key"))).ExitCode);
        var forged = await CtlRun.RunAsync("--gateway", gateway.HttpUrl, "bundle", "upload", bundle);
        Assert.Equal(2, forged.ExitCode);
        Assert.Contains("signature", forged.Error);
        Directory.Delete(_work, recursive: true);
    }
}
