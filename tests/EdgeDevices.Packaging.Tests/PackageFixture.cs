namespace EdgeDevices.Packaging.Tests;

/// <summary>The package built once for the tests (version 0.4.0), and the same content repacked as 0.4.1 to try an upgrade.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edgedevices-deb-").FullName;
        var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        Version1 = Shell.Ok(Path.Combine(repository, "gateway", "packaging", "build-deb.sh"), "--rid", "linux-x64", "--version", "0.4.0", "--output", Directory).Trim().Split('\n')[^1];

        // The upgrade: the same files under a newer version, as the next release would bring them.
        var unpacked = Path.Combine(Directory, "unpacked");
        Shell.Ok("dpkg-deb", "-R", Version1, unpacked);
        var control = Path.Combine(unpacked, "DEBIAN", "control");
        File.WriteAllText(control, File.ReadAllText(control).Replace("Version: 0.4.0", "Version: 0.4.1", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(unpacked, "opt", "edgedevices", "gateway", "RELEASE"), "0.4.1\n");
        Version2 = Path.Combine(Directory, "edgedevices-gateway_0.4.1_amd64.deb");
        Shell.Ok("dpkg-deb", "--root-owner-group", "--build", unpacked, Version2);
    }

    public string Directory { get; }

    public string Version1 { get; }

    public string Version2 { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
