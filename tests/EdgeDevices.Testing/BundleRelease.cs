using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Testing;

/// <summary>
/// A release as the city makes one (what <c>edgectl bundle sign</c> and <c>bundle upload</c> do): a bundle's
/// manifest signed with a release key's secret seed, and the two given to the gateway's <c>/api/updates</c>.
/// </summary>
public static class BundleRelease
{
    /// <summary>The signed manifest of <paramref name="bundle"/> as <paramref name="app"/> <paramref name="version"/>.</summary>
    public static BundleManifest Sign(byte[] bundle, string app, string version, byte[] seed)
    {
        if (!VersionText.TryParse(version, out var major, out var minor, out var patch))
        {
            throw new ArgumentException($"'{version}' is not major.minor.patch", nameof(version));
        }

        var manifest = new BundleManifest { App = app, Major = major, Minor = minor, Patch = patch, Size = bundle.Length, Sha256 = SHA256.HashData(bundle) };
        manifest.SignWith(seed);
        return manifest;
    }

    /// <summary>Signs and uploads <paramref name="bundle"/>; throws with the gateway's answer when it is refused.</summary>
    public static async Task UploadAsync(HttpClient gateway, byte[] bundle, string app, string version, byte[] seed)
    {
        var manifest = Sign(bundle, app, version, seed);
        using var response = await gateway.PostAsJsonAsync("/api/updates", new
        {
            manifest = new JsonObject { ["app"] = app, ["version"] = version, ["size"] = bundle.Length, ["sha256"] = HexText.Of(manifest.Sha256), ["signature"] = HexText.Of(manifest.Signature) },
            bundle = Convert.ToBase64String(bundle),
        }).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the gateway refused {app} {version}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
