using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDevices.Firmware.Gate;

/// <summary>One firmware source file: where it is on disk, how to name it in reports, and its text.</summary>
public sealed record FirmwareSource(string DisplayPath, string Text);

/// <summary>
/// Compiles firmware sources exactly as the host build does (against .NET's own assemblies plus the
/// stand-ins), but parsed as the device compiler would see them: with NANOFRAMEWORK_1_0 defined and
/// at the project's language version.
/// </summary>
public static class FirmwareCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> RuntimeReferences = new(LoadRuntimeReferences);

    /// <summary>The symbol every nanoFramework build defines.</summary>
    public const string DeviceSymbol = "NANOFRAMEWORK_1_0";

    /// <summary>Parse options for a project's LangVersion (C# 10 when unset, as the firmware props pin).</summary>
    public static CSharpParseOptions ParseOptions(string? langVersion)
    {
        var version = LanguageVersion.CSharp10;
        if (!string.IsNullOrEmpty(langVersion) && !LanguageVersionFacts.TryParse(langVersion, out version))
        {
            version = LanguageVersion.CSharp10;
        }

        return new CSharpParseOptions(version, DocumentationMode.None, SourceCodeKind.Regular, [DeviceSymbol]);
    }

    /// <summary>Builds the compilation (nothing is emitted), against .NET's assemblies plus <paramref name="extraReferences"/>.</summary>
    public static CSharpCompilation Compile(
        string assemblyName,
        IEnumerable<FirmwareSource> sources,
        CSharpParseOptions parseOptions,
        IEnumerable<MetadataReference> extraReferences) =>
        CompileAgainst(assemblyName, sources, parseOptions, RuntimeReferences.Value.Concat(extraReferences));

    /// <summary>Builds a compilation against exactly <paramref name="references"/> (the core-library pass: no .NET assembly).</summary>
    public static CSharpCompilation CompileAgainst(
        string assemblyName,
        IEnumerable<FirmwareSource> sources,
        CSharpParseOptions parseOptions,
        IEnumerable<MetadataReference> references)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.DisplayPath));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
    }

    /// <summary>What the host build binds firmware to: .NET's assemblies plus <paramref name="standIns"/>.</summary>
    public static IReadOnlyList<MetadataReference> HostReferences(IEnumerable<MetadataReference> standIns) => RuntimeReferences.Value.Concat(standIns).ToList();

    // The shared framework the gate itself runs on: the same public surface the host build compiles against.
    private static IReadOnlyList<MetadataReference> LoadRuntimeReferences()
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
        {
            if (IsManagedAssembly(file))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return references;
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
