using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Ctl.Tests;

/// <summary><c>edgectl bundle keygen|sign</c>: what it signs is what a device accepts with the public key, and only that.</summary>
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
}
