using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// The device's real core library: <c>mscorlib.dll</c> of the <c>nanoFramework.CoreLibrary</c> package (the
/// version the .nfproj files reference), restored from NuGet and copied beside nanogate by its project file.
/// </summary>
public static class CoreLibrary
{
    /// <summary>The package version, as the .nfproj files' <c>mscorlib, Version=…</c> reference pins it.</summary>
    public const string PackageVersion = "1.17.11";

    /// <summary>Where the build puts it.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "nanoframework", "mscorlib.dll");

    /// <summary>The assembly identity written in <paramref name="path"/>'s metadata (name, version, public key token).</summary>
    public static (string Name, Version Version, string PublicKeyToken) Identity(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var key = reader.GetBlobBytes(definition.PublicKey);
        var token = key.Length == 0 ? string.Empty : Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(key).TakeLast(8).Reverse().ToArray());
        return (reader.GetString(definition.Name), definition.Version, token);
    }

    /// <summary>A metadata reference to it; a clear error when the build did not copy it.</summary>
    public static MetadataReference Load(string path) =>
        File.Exists(path)
            ? MetadataReference.CreateFromFile(path)
            : throw new FileNotFoundException($"{path} is missing: build nanogate (dotnet build firmware/gate/EdgeDevices.Firmware.Gate), which restores nanoFramework.CoreLibrary {PackageVersion} and copies its mscorlib.dll there", path);
}
