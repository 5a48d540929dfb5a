using System.Security.Cryptography;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Core.Tests.Update;

/// <summary>An update bundle is taken only when signed by the release key, for this app, newer, small enough, and whole.</summary>
public sealed class UpdateCheckTests
{
    private static readonly byte[] Seed = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] ReleaseKey = Ed25519.PublicKey(Seed);
    private static readonly byte[] Bundle = RandomNumberGenerator.GetBytes(5000);

    [Fact]
    public void A_signed_newer_bundle_for_this_app_is_accepted_and_so_is_its_download()
    {
        var manifest = Signed();
        Assert.Equal(UpdateVerdict.Accepted, UpdateCheck.Manifest(manifest, ReleaseKey, "streetlight", 0, 4, 9, 200_000));
        Assert.Equal(UpdateVerdict.Accepted, UpdateCheck.Content(manifest, Bundle.Length, SHA256.HashData(Bundle)));
    }

    [Fact]
    public void Every_other_bundle_is_refused_with_its_reason()
    {
        var manifest = Signed();
        Assert.Equal(UpdateVerdict.NoKey, UpdateCheck.Manifest(manifest, null!, "streetlight", 0, 4, 0, 200_000));
        Assert.Equal(UpdateVerdict.WrongApp, UpdateCheck.Manifest(manifest, ReleaseKey, "meter", 0, 4, 0, 200_000));
        Assert.Equal(UpdateVerdict.NotNewer, UpdateCheck.Manifest(manifest, ReleaseKey, "streetlight", 0, 5, 0, 200_000));
        Assert.Equal(UpdateVerdict.NotNewer, UpdateCheck.Manifest(manifest, ReleaseKey, "streetlight", 1, 0, 0, 200_000));
        Assert.Equal(UpdateVerdict.TooLarge, UpdateCheck.Manifest(manifest, ReleaseKey, "streetlight", 0, 4, 0, 4000));

        // Signed by another key, or changed after signing: the signature fails.
        var forged = Signed(Enumerable.Range(8, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(UpdateVerdict.BadSignature, UpdateCheck.Manifest(forged, ReleaseKey, "streetlight", 0, 4, 0, 200_000));
        manifest.Major = 9;
        Assert.Equal(UpdateVerdict.BadSignature, UpdateCheck.Manifest(manifest, ReleaseKey, "streetlight", 0, 4, 0, 200_000));

        var good = Signed();
        Assert.Equal(UpdateVerdict.Truncated, UpdateCheck.Content(good, Bundle.Length - 1, SHA256.HashData(Bundle.AsSpan(0, Bundle.Length - 1))));
        var damaged = (byte[])Bundle.Clone();
        damaged[100] ^= 1;
        Assert.Equal(UpdateVerdict.WrongHash, UpdateCheck.Content(good, damaged.Length, SHA256.HashData(damaged)));
        Assert.Equal(UpdateVerdict.WrongHash, UpdateCheck.Content(good, Bundle.Length + 1, SHA256.HashData(Bundle)));
    }

    private static BundleManifest Signed(byte[]? seed = null)
    {
        var manifest = new BundleManifest { App = "streetlight", Major = 0, Minor = 5, Patch = 0, Size = Bundle.Length, Sha256 = SHA256.HashData(Bundle) };
        manifest.SignWith(seed ?? Seed);
        return manifest;
    }
}
