using System.Xml.Linq;

namespace EdgeDevices.Firmware.Gate;

/// <summary>A package pinned in packages.config.</summary>
public sealed record PinnedPackage(string Id, string Version);

/// <summary>An assembly reference of an .nfproj: name and HintPath as written.</summary>
public sealed record NfReference(string Include, string? HintPath);

/// <summary>
/// What the gate needs from a legacy nanoFramework project: its explicit compile list, its project
/// references, its assembly references and the packages pinned in the packages.config beside it.
/// </summary>
public sealed class NfProject
{
    private NfProject(string path)
    {
        FullPath = Path.GetFullPath(path);
        Directory = Path.GetDirectoryName(FullPath)!;
    }

    /// <summary>Absolute path of the .nfproj.</summary>
    public string FullPath { get; }

    /// <summary>Folder of the .nfproj.</summary>
    public string Directory { get; }

    /// <summary>AssemblyName.</summary>
    public string AssemblyName { get; private set; } = "";

    /// <summary>LangVersion, or null when not set.</summary>
    public string? LangVersion { get; private set; }

    /// <summary>Compile items as absolute paths, in project order.</summary>
    public IReadOnlyList<string> CompileItems { get; private set; } = [];

    /// <summary>Referenced .nfproj files as absolute paths.</summary>
    public IReadOnlyList<string> ProjectReferences { get; private set; } = [];

    /// <summary>Assembly references.</summary>
    public IReadOnlyList<NfReference> References { get; private set; } = [];

    /// <summary>Packages from packages.config; empty when the file is missing.</summary>
    public IReadOnlyList<PinnedPackage> Packages { get; private set; } = [];

    /// <summary>Whether packages.config exists.</summary>
    public bool HasPackagesConfig { get; private set; }

    /// <summary>Reads the project and its packages.config.</summary>
    public static NfProject Load(string path)
    {
        var project = new NfProject(path);
        var doc = XDocument.Load(project.FullPath);
        XNamespace ns = doc.Root!.Name.Namespace;

        project.AssemblyName = doc.Descendants(ns + "AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project.FullPath);
        project.LangVersion = doc.Descendants(ns + "LangVersion").Select(e => e.Value.Trim()).FirstOrDefault();
        project.CompileItems = doc.Descendants(ns + "Compile")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(i => !string.IsNullOrEmpty(i))
            .Select(i => project.Resolve(i!))
            .ToList();
        project.ProjectReferences = doc.Descendants(ns + "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(i => !string.IsNullOrEmpty(i))
            .Select(i => project.Resolve(i!))
            .ToList();
        project.References = doc.Descendants(ns + "Reference")
            .Select(e => new NfReference(((string?)e.Attribute("Include") ?? "").Split(',')[0].Trim(), e.Element(ns + "HintPath")?.Value.Trim()))
            .ToList();

        var packagesConfig = Path.Combine(project.Directory, "packages.config");
        if (File.Exists(packagesConfig))
        {
            project.HasPackagesConfig = true;
            project.Packages = XDocument.Load(packagesConfig).Descendants("package")
                .Select(e => new PinnedPackage((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version") ?? ""))
                .ToList();
        }

        return project;
    }

    /// <summary>An MSBuild path (backslashes) relative to the project folder, made absolute.</summary>
    public string Resolve(string msbuildPath) =>
        Path.GetFullPath(Path.Combine(Directory, msbuildPath.Replace('\\', Path.DirectorySeparatorChar)));
}
