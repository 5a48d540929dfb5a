using Microsoft.CodeAnalysis;

namespace EdgeDevices.Firmware.Gate;

/// <summary>Options for a gate run.</summary>
public sealed class GateOptions
{
    /// <summary>Repository root; report paths are relative to it.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Folder of the API lists (default: firmware/nanoframework-api under the root).</summary>
    public string? ApiDirectory { get; init; }

    /// <summary>Host stand-in assemblies that declare nanoFramework types the firmware uses.</summary>
    public IReadOnlyList<string> StandInAssemblies { get; init; } = [];

    /// <summary>The device's mscorlib.dll (default: the one the build copies beside nanogate, <see cref="CoreLibrary.DefaultPath"/>).</summary>
    public string? CoreLibraryPath { get; init; }

    internal string Api => ApiDirectory ?? Path.Combine(RepositoryRoot, "firmware", "nanoframework-api");
}

/// <summary>
/// Checks firmware projects: compiles each .nfproj's sources on the host (with the firmware projects it
/// references compiled first), then reports compile errors, uses of APIs outside the nanoFramework
/// surface of the pinned packages, constructs the device cannot run, static mutable state, unsupported
/// format strings and project inconsistencies; then compiles it again against the device's real
/// mscorlib.dll (<see cref="CoreLibraryCheck"/>).
/// </summary>
public static class NanoGate
{
    /// <summary>Every .nfproj under firmware/.</summary>
    public static IReadOnlyList<string> FindProjects(string repositoryRoot) =>
        Directory.EnumerateFiles(Path.Combine(repositoryRoot, "firmware"), "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    /// <summary>Checks one .nfproj.</summary>
    public static GateReport CheckProject(string nfprojPath, GateOptions options)
    {
        var sink = new ViolationSink();
        string Display(string path) => Path.GetRelativePath(options.RepositoryRoot, path).Replace('\\', '/');

        var project = NfProject.Load(nfprojPath);
        ProjectChecker.Check(project, options.Api, Display, sink);

        var firmwareReferences = new List<MetadataReference>();
        var own = new HashSet<string>(StringComparer.Ordinal) { project.AssemblyName };
        foreach (var reference in ReferencedProjects(project))
        {
            var compiled = FirmwareCompiler.Compile(reference.AssemblyName, Sources(reference, Display), FirmwareCompiler.ParseOptions(reference.LangVersion), StandIns(options).Concat(firmwareReferences));
            firmwareReferences.Add(compiled.ToMetadataReference());
            own.Add(reference.AssemblyName);
        }

        var packages = project.Packages.Select(p => p.Id).Where(id => ApiSurface.HasList(options.Api, id)).ToList();
        var sources = Sources(project, Display);
        var referenced = ReferencedProjects(project)
            .Select(r => (r.AssemblyName, (IReadOnlyList<FirmwareSource>)Sources(r, Display), FirmwareCompiler.ParseOptions(r.LangVersion)))
            .ToList();
        CoreLibraryCheck.Run(referenced, project.AssemblyName, sources, FirmwareCompiler.ParseOptions(project.LangVersion), packages, options, sink);
        return Check(Display(project.FullPath), project.AssemblyName, sources, packages, FirmwareCompiler.ParseOptions(project.LangVersion), StandIns(options).Concat(firmwareReferences), own, options, sink);
    }

    /// <summary>
    /// Checks loose sources against the API lists of <paramref name="packageIds"/> (used by the gate's own tests),
    /// and against the device's mscorlib.dll too when <paramref name="againstCoreLibrary"/>.
    /// </summary>
    public static GateReport CheckSources(string label, IReadOnlyList<FirmwareSource> sources, IReadOnlyList<string> packageIds, GateOptions options, bool againstCoreLibrary = false)
    {
        var sink = new ViolationSink();
        if (againstCoreLibrary)
        {
            CoreLibraryCheck.Run([], "GateSample", sources, FirmwareCompiler.ParseOptions(null), packageIds, options, sink);
        }

        return Check(label, "GateSample", sources, packageIds, FirmwareCompiler.ParseOptions(null), StandIns(options), new HashSet<string> { "GateSample" }, options, sink);
    }

    private static GateReport Check(
        string label,
        string assemblyName,
        IReadOnlyList<FirmwareSource> sources,
        IReadOnlyList<string> packageIds,
        Microsoft.CodeAnalysis.CSharp.CSharpParseOptions parseOptions,
        IEnumerable<MetadataReference> references,
        IReadOnlySet<string> ownAssemblies,
        GateOptions options,
        ViolationSink sink)
    {
        var surface = ApiSurface.Load(options.Api, packageIds);
        var compilation = FirmwareCompiler.Compile(assemblyName, sources, parseOptions, references);
        foreach (var diagnostic in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            sink.Add(GateRule.CompileError, diagnostic.Location, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var policy = new SymbolPolicy(surface, ownAssemblies);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            new ApiUsageWalker(model, policy, sink).Visit(root);
            new ConstructWalker(model, policy, sink).Visit(root);
            new StaticStateWalker(model, sink).Visit(root);
            new FormatWalker(model, sink).Visit(root);
        }

        DeclarationChecker.Check(compilation, policy, sink);
        return new GateReport(label, surface.Packages, sink.Sorted(), sources.Count);
    }

    private static List<FirmwareSource> Sources(NfProject project, Func<string, string> display) =>
        project.CompileItems.Where(File.Exists).Select(f => new FirmwareSource(display(f), File.ReadAllText(f))).ToList();

    private static IEnumerable<MetadataReference> StandIns(GateOptions options) =>
        options.StandInAssemblies.Select(a => MetadataReference.CreateFromFile(a));

    // Referenced firmware projects, dependencies first.
    private static List<NfProject> ReferencedProjects(NfProject project)
    {
        var ordered = new List<NfProject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Visit(NfProject p)
        {
            foreach (var path in p.ProjectReferences.Where(File.Exists))
            {
                if (seen.Add(Path.GetFullPath(path)))
                {
                    var child = NfProject.Load(path);
                    Visit(child);
                    ordered.Add(child);
                }
            }
        }

        Visit(project);
        return ordered;
    }
}
