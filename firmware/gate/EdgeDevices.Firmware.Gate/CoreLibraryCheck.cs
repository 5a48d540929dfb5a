using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// The second compile of every firmware project: against the device's real <c>mscorlib.dll</c> as its only
/// core library (no .NET reference assemblies), with the other nanoFramework packages as
/// <see cref="PackageStubs"/>. A source that compiles on the host but not here uses something the device's
/// core library does not have (an overload, a type, a language feature's helper).
/// </summary>
internal static class CoreLibraryCheck
{
    private static readonly Dictionary<string, PackageStubs> Stubs = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="referenced"/> (dependencies first) and then <paramref name="sources"/>; reports the latter's errors.</summary>
    public static void Run(
        IReadOnlyList<(string AssemblyName, IReadOnlyList<FirmwareSource> Sources, CSharpParseOptions ParseOptions)> referenced,
        string assemblyName,
        IReadOnlyList<FirmwareSource> sources,
        CSharpParseOptions parseOptions,
        IEnumerable<string> packageIds,
        GateOptions options,
        ViolationSink sink)
    {
        var core = CoreLibrary.Load(options.CoreLibraryPath ?? CoreLibrary.DefaultPath);
        var stubs = StubsFor(packageIds, options, core);
        foreach (var error in stubs.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            sink.Add(GateRule.CoreLibrary, error.Location, error.Id, "the gate's package stubs do not compile (a gate bug): " + error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var references = new List<MetadataReference> { core, stubs.Compilation.ToMetadataReference() };
        foreach (var (name, files, parse) in referenced)
        {
            references.Add(FirmwareCompiler.CompileAgainst(name, files, parse, references).ToMetadataReference());
        }

        var compilation = FirmwareCompiler.CompileAgainst(assemblyName, sources, parseOptions, references);
        foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            sink.Add(
                GateRule.CoreLibrary,
                error.Location,
                error.Id,
                $"does not compile against the device's mscorlib (nanoFramework.CoreLibrary {CoreLibrary.PackageVersion}): {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    // One set of stubs per package set and gate run: building them binds every listed id on the host.
    private static PackageStubs StubsFor(IEnumerable<string> packageIds, GateOptions options, MetadataReference core)
    {
        var packages = packageIds.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var key = string.Join("|", packages) + "|" + options.Api + "|" + (options.CoreLibraryPath ?? CoreLibrary.DefaultPath) + "|" + string.Join("|", options.StandInAssemblies);
        lock (Stubs)
        {
            if (!Stubs.TryGetValue(key, out var stubs))
            {
                stubs = PackageStubs.Build(packages, options.Api, core, FirmwareCompiler.HostReferences(options.StandInAssemblies.Select(a => MetadataReference.CreateFromFile(a))));
                Stubs[key] = stubs;
            }

            return stubs;
        }
    }
}
