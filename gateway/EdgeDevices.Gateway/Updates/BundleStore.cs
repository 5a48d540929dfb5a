using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Updates;

/// <summary>
/// The application bundles the gateway can roll out, in <c>updates/</c> of its state directory. A bundle is
/// taken only when its manifest is signed by the configured release key and the bytes are what the manifest
/// says (size, SHA-256) — the devices check the same again before applying anything — and a version once
/// stored is never replaced by other bytes.
/// </summary>
public sealed class BundleStore(IOptions<GatewayOptions> options)
{
    private readonly string _directory = Path.Combine(GatewayHost.StateDirectory(options.Value), "updates");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>A stored bundle.</summary>
    public sealed record Entry(string App, string Version, int Size, string Sha256, DateTimeOffset StoredAt);

    /// <summary>Stores a bundle; the verdict says why it was refused (<see cref="UpdateVerdict.Accepted"/> when stored).</summary>
    public (UpdateVerdict Verdict, string Reason) Add(JsonObject manifestJson, byte[] bundle)
    {
        var settings = options.Value.Updates;
        var key = settings.ReleaseKey == null ? null : HexText.Parse(settings.ReleaseKey, Ed25519.PublicKeySize);
        if (key == null)
        {
            return (UpdateVerdict.NoKey, "no release key is configured (updates.releaseKey): the gateway takes no bundle");
        }

        var manifest = Parse(manifestJson, out var problem);
        if (manifest == null)
        {
            return (UpdateVerdict.BadSignature, problem!);
        }

        var verdict = UpdateCheck.Manifest(manifest, key, manifest.App, 0, 0, 0, settings.MaxBundleBytes);
        if (verdict == UpdateVerdict.Accepted)
        {
            verdict = UpdateCheck.Content(manifest, bundle.Length, SHA256.HashData(bundle));
        }

        if (verdict != UpdateVerdict.Accepted)
        {
            return (verdict, verdict switch
            {
                UpdateVerdict.BadSignature => "the manifest's signature does not verify with the release key",
                UpdateVerdict.TooLarge => $"larger than updates.maxBundleBytes ({settings.MaxBundleBytes})",
                UpdateVerdict.Truncated => $"the bundle has {bundle.Length} bytes, the manifest says {manifest.Size}",
                UpdateVerdict.WrongHash => "the bundle's SHA-256 is not the manifest's",
                _ => verdict.ToString(),
            });
        }

        Directory.CreateDirectory(_directory);
        var name = $"{manifest.App}-{manifest.VersionText}";
        var path = Path.Combine(_directory, name + ".bin");
        if (File.Exists(path))
        {
            return SHA256.HashData(File.ReadAllBytes(path)).AsSpan().SequenceEqual(manifest.Sha256)
                ? (UpdateVerdict.Accepted, "stored already")
                : (UpdateVerdict.WrongHash, $"{manifest.App} {manifest.VersionText} is stored already with other bytes: give the new bundle a new version");
        }

        // Written aside and moved into place, so a reader never sees half a bundle.
        File.WriteAllBytes(path + ".tmp", bundle);
        File.WriteAllText(Path.Combine(_directory, name + ".manifest.json"), manifestJson.ToJsonString());
        File.Move(path + ".tmp", path);
        return (UpdateVerdict.Accepted, "stored");
    }

    /// <summary>The signed manifest of a stored bundle, or null when there is none.</summary>
    public BundleManifest? Manifest(string app, string version)
    {
        var path = Path.Combine(_directory, $"{app}-{version}.manifest.json");
        if (!IsName(app) || !IsName(version) || !File.Exists(path))
        {
            return null;
        }

        return Parse(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), out _);
    }

    /// <summary>The bytes of a stored bundle (read once, then kept: chunks are served from memory), or null.</summary>
    public byte[]? Bytes(string app, string version)
    {
        var path = Path.Combine(_directory, $"{app}-{version}.bin");
        if (!IsName(app) || !IsName(version))
        {
            return null;
        }

        return _cache.GetOrAdd(path, p => File.Exists(p) ? File.ReadAllBytes(p) : null!) ?? Forget(path);
    }

    /// <summary>The stored bundles, newest version of each app first.</summary>
    public IReadOnlyList<Entry> List()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        return [.. Directory.GetFiles(_directory, "*.manifest.json")
            .Select(f => (File: f, Json: JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .Select(m => new Entry(m.Json["app"]!.GetValue<string>(), m.Json["version"]!.GetValue<string>(), m.Json["size"]!.GetValue<int>(), m.Json["sha256"]!.GetValue<string>(), File.GetLastWriteTimeUtc(m.File)))
            .OrderBy(e => e.App, StringComparer.Ordinal)
            .ThenByDescending(e => Version.Parse(e.Version))];
    }

    // A file name part: letters, digits, dots, dashes (never a path).
    private static bool IsName(string text) => text.Length is > 0 and <= 40 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    private byte[]? Forget(string path)
    {
        _cache.TryRemove(path, out _);
        return null;
    }

    /// <summary>A manifest in its JSON form (as <c>edgectl bundle sign</c> writes it), or null with the problem.</summary>
    public static BundleManifest? Parse(JsonObject json, out string? problem)
    {
        problem = null;
        try
        {
            var version = json["version"]!.GetValue<string>().Split('.');
            var manifest = new BundleManifest
            {
                App = json["app"]!.GetValue<string>(),
                Major = int.Parse(version[0], CultureInfo.InvariantCulture),
                Minor = int.Parse(version[1], CultureInfo.InvariantCulture),
                Patch = int.Parse(version[2], CultureInfo.InvariantCulture),
                Size = json["size"]!.GetValue<int>(),
                Sha256 = HexText.Parse(json["sha256"]!.GetValue<string>(), 32),
                Signature = HexText.Parse(json["signature"]!.GetValue<string>(), Ed25519.SignatureSize),
            };
            if (manifest.App is not ("streetlight" or "airquality" or "meter") || version.Length != 3 || manifest.Sha256 == null || manifest.Signature == null)
            {
                problem = "a manifest has app (streetlight, airquality or meter), version major.minor.patch, size, sha256 (64 hex) and signature (128 hex)";
                return null;
            }

            return manifest;
        }
        catch (Exception ex) when (ex is NullReferenceException or FormatException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            problem = "a manifest has app, version (major.minor.patch), size, sha256 and signature: " + ex.Message;
            return null;
        }
    }
}
