using EdgeDevices.Firmware.Gate;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>
/// The gate's second compile: every firmware project against the device's own mscorlib.dll (the
/// nanoFramework.CoreLibrary package from NuGet) as its only core library, and what that catches.
/// </summary>
public sealed class CoreLibraryTests
{
    [Fact]
    public void The_core_library_is_the_package_assembly_every_nfproj_references()
    {
        var (name, version, token) = CoreLibrary.Identity(CoreLibrary.DefaultPath);
        Assert.Equal("mscorlib", name);
        Assert.Equal(CoreLibrary.PackageVersion, $"{version.Major}.{version.Minor}.{version.Build}");
        Assert.Equal("c07d481e9758c731", token);

        var root = ViolationSampleTests.RepositoryRoot();
        foreach (var project in NanoGate.FindProjects(root))
        {
            Assert.Contains($"mscorlib, Version={version}, Culture=neutral, PublicKeyToken={token}", File.ReadAllText(project), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_package_stubs_compile_against_mscorlib_alone_and_cover_what_the_firmware_uses()
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var options = GateRun.Options(root);
        var core = CoreLibrary.Load(CoreLibrary.DefaultPath);
        var packages = NfProject.Load(Path.Combine(root, "firmware/apps/AirQuality/EdgeDevices.Apps.AirQuality.nfproj")).Packages.Select(p => p.Id).ToList();

        var stubs = PackageStubs.Build(packages, Path.Combine(root, "firmware", "nanoframework-api"), core, FirmwareCompiler.HostReferences([]));

        Assert.Empty(stubs.Compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Equal(["mscorlib"], stubs.Compilation.References.Select(r => stubs.Compilation.GetAssemblyOrModuleSymbol(r)!.Name));
        Assert.Contains("partial class StringBuilder", stubs.Source, StringComparison.Ordinal);
        Assert.Contains("partial class Hashtable", stubs.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("partial class String ", stubs.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_host_compiles_but_the_device_core_library_lacks_is_reported_on_its_line()
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var source = new FirmwareSource("Samples/Planted.cs", """
            namespace Planted
            {
                public class Uses
                {
                    public bool CharContains(string s) { return s.Contains('a'); }
                    public bool Blank(string s) { return string.IsNullOrWhiteSpace(s); }
                    public object Money() { return 1.5m; }
                    public int Fine(string s) { return s.Length + int.Parse("1"); }
                }
            }
            """);

        var report = NanoGate.CheckSources("planted", [source], ["nanoFramework.CoreLibrary"], GateRun.Options(root), againstCoreLibrary: true);
        var lines = report.Violations.Where(v => v.Rule == GateRule.CoreLibrary).Select(v => v.Line).Distinct().Order().ToList();

        Assert.Equal([5, 6, 7], lines);
        Assert.Contains(report.Violations, v => v.Rule == GateRule.CoreLibrary && v.Message.Contains("nanoFramework.CoreLibrary 1.17.11", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_pass_the_same_sample_shows_no_core_library_finding()
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var source = new FirmwareSource("Samples/Planted.cs", "namespace Planted { public class Uses { public object Money() { return 1.5m; } } }");

        var report = NanoGate.CheckSources("planted", [source], ["nanoFramework.CoreLibrary"], GateRun.Options(root));

        Assert.DoesNotContain(report.Violations, v => v.Rule == GateRule.CoreLibrary);
    }
}
