using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Ctl.Commands;

/// <summary>
/// <c>edgectl bundle</c>: the release key and signed application bundles for over-the-air updates. The
/// signature is Ed25519 over the manifest's fixed text (firmware core, <see cref="BundleManifest"/>), the
/// same code the devices verify with.
/// </summary>
internal static class BundleCommands
{
    /// <summary>Starts the secret key file, so it is never mistaken for the public key (both are 32 bytes).</summary>
    public const string SecretMarker = "edgedevices-release-secret:";

    public static Command Create(Context context)
    {
        var keyOut = new Option<string>("--out") { Description = "Folder for release.key (secret: keep it offline) and release.pub", DefaultValueFactory = _ => "." };
        var keygen = new Command("keygen", "Make a release key pair; devices are provisioned with release.pub") { keyOut };
        keygen.SetAction((result, _) => context.RunAsync(result, (output, _) =>
        {
            var folder = result.GetValue(keyOut)!;
            var secret = Path.Combine(folder, "release.key");
            if (File.Exists(secret))
            {
                throw new CtlException($"{secret} exists already", "a new key would orphan every device provisioned with the old one: keep it, or move it away first", 2);
            }

            Directory.CreateDirectory(folder);
            var (seed, publicKeyBytes) = Signing.ReleaseSigner.NewKey();
            File.WriteAllText(secret, SecretMarker + Convert.ToHexStringLower(seed) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var publicKey = Convert.ToHexStringLower(publicKeyBytes);
            File.WriteAllText(Path.Combine(folder, "release.pub"), publicKey + "\n");
            output.Result(new JsonObject { ["publicKey"] = publicKey, ["secret"] = secret }, ["public key", "secret key file"], [[publicKey, secret]]);
            return Task.FromResult(0);
        }));

        var bundle = new Argument<string>("bundle") { Description = "The application bundle (.bin)" };
        var app = new Option<string>("--app") { Description = "streetlight, airquality or meter", Required = true };
        app.AcceptOnlyFromAmong("streetlight", "airquality", "meter");
        var version = new Option<string>("--version") { Description = "The bundle's version, major.minor.patch", Required = true };
        var key = new Option<string>("--key") { Description = "The release key file (from bundle keygen)", Required = true };
        var sign = new Command("sign", "Sign a bundle: writes <bundle>.manifest.json beside it") { bundle, app, version, key };
        sign.SetAction((result, _) => context.RunAsync(result, (output, _) =>
        {
            var path = result.GetValue(bundle)!;
            if (!File.Exists(path))
            {
                throw new CtlException($"no bundle at {path}", "build the app's .nfproj (docs/technician-guide.md) and pass its .bin", 2);
            }

            if (!VersionText.TryParse(result.GetValue(version)!, out var major, out var minor, out var patch) || major > 255 || minor > 255 || patch > 65535)
            {
                throw new CtlException($"'{result.GetValue(version)}' is not a version a device can carry", "give major.minor.patch with major and minor up to 255 and patch up to 65535, e.g. 0.5.0", 2);
            }

            var keyText = File.ReadAllText(result.GetValue(key)!).Trim();
            var seed = (keyText.StartsWith(SecretMarker, StringComparison.Ordinal) ? HexText.Parse(keyText[SecretMarker.Length..], Ed25519.SeedSize) : null)
                ?? throw new CtlException($"{result.GetValue(key)} is not a release key", "use the release.key that bundle keygen wrote", 2);
            var bytes = File.ReadAllBytes(path);
            var manifest = new BundleManifest
            {
                App = result.GetValue(app)!,
                Major = major,
                Minor = minor,
                Patch = patch,
                Size = bytes.Length,
                Sha256 = SHA256.HashData(bytes),
            };
            manifest.Signature = Signing.ReleaseSigner.Sign(seed, manifest.SignedText());
            var json = new JsonObject
            {
                ["app"] = manifest.App,
                ["version"] = manifest.VersionText,
                ["size"] = manifest.Size,
                ["sha256"] = HexText.Of(manifest.Sha256),
                ["signature"] = HexText.Of(manifest.Signature),
            };
            var manifestPath = path + ".manifest.json";
            File.WriteAllText(manifestPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            output.Result(json, ["app", "version", "size", "sha256", "manifest"], [[manifest.App, manifest.VersionText, manifest.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), HexText.Of(manifest.Sha256), manifestPath]]);
            return Task.FromResult(0);
        }));
        var packOut = new Option<string>("--out") { Description = "The bundle to write (.bin)", Required = true };
        var entry = new Option<string>("--entry") { Description = "The type whose static Run(DeviceContext) starts the app, e.g. EdgeDevices.Apps.StreetLight.Program", Required = true };
        var assemblies = new Argument<string[]>("assemblies") { Description = "The app's .pe files, in load order (dependencies first)", Arity = ArgumentArity.OneOrMore };
        var pack = new Command("pack", "Put an app's .pe assemblies and its entry type into one bundle, ready to sign") { assemblies, entry, packOut };
        pack.SetAction((result, _) => context.RunAsync(result, (output, _) =>
        {
            var files = result.GetValue(assemblies)!;
            var missing = files.FirstOrDefault(f => !File.Exists(f));
            if (missing != null)
            {
                throw new CtlException($"no assembly at {missing}", "build the app's .nfproj (Release) and pass the .pe files from its bin folder", 2);
            }

            var type = result.GetValue(entry)!;
            if (type.Length is 0 or > 200 || type.Contains(' ', StringComparison.Ordinal))
            {
                throw new CtlException($"'{type}' is not a type name", "give the full name of the app's Program, e.g. EdgeDevices.Apps.Meter.Program", 2);
            }

            if (files.Length > BundleImage.MaxAssemblies)
            {
                throw new CtlException($"{files.Length} assemblies: a bundle holds at most {BundleImage.MaxAssemblies}", "bundle only the app's own assemblies: the resident ones stay on the device", 2);
            }

            var bytes = new BundleImage { EntryType = type, Assemblies = [.. files.Select(File.ReadAllBytes)] }.ToBytes();
            var path = result.GetValue(packOut)!;
            File.WriteAllBytes(path, bytes);
            output.Result(new JsonObject { ["bundle"] = path, ["size"] = bytes.Length, ["entry"] = type, ["assemblies"] = files.Length }, ["bundle", "size", "entry", "assemblies"], [[path, bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), type, files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)]]);
            return Task.FromResult(0);
        }));

        var uploadBundle = new Argument<string>("bundle") { Description = "A signed bundle (.bin, with its .manifest.json beside it)" };
        var upload = new Command("upload", "Give a signed bundle to the gateway, which checks it against its release key") { uploadBundle };
        upload.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var path = result.GetValue(uploadBundle)!;
            var manifestPath = path + ".manifest.json";
            if (!File.Exists(path) || !File.Exists(manifestPath))
            {
                throw new CtlException($"no signed bundle at {path} (the bundle and {Path.GetFileName(manifestPath)} are both needed)", "sign it first: edgectl bundle sign", 2);
            }

            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            var answer = await gateway.PostAsync("api/updates", new { manifest, bundle = Convert.ToBase64String(File.ReadAllBytes(path)) }).ConfigureAwait(false);
            output.Result(answer, ["app", "version", "result"], [[manifest["app"]!.GetValue<string>(), manifest["version"]!.GetValue<string>(), answer["result"]?.GetValue<string>() ?? string.Empty]]);
            return 0;
        }));
        return new Command("bundle", "Release keys and signed application bundles (over-the-air updates)") { keygen, pack, sign, upload };
    }
}
