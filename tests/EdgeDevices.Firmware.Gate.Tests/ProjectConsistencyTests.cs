using EdgeDevices.Firmware.Gate;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>The .nfproj, packages.config and the files on disk must agree.</summary>
public sealed class ProjectConsistencyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nanogate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Consistent_Project_Passes()
    {
        var project = WriteProject(
            compile: ["Thing.cs"],
            files: ["Thing.cs"],
            packages: [("nanoFramework.CoreLibrary", "1.17.11")],
            references: [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")]);

        var report = NanoGate.CheckProject(project, Options());

        Assert.True(report.Passed, report.Format());
    }

    [Fact]
    public void Unlisted_And_Missing_Sources_Are_Reported()
    {
        var project = WriteProject(
            compile: ["Thing.cs", "Gone.cs"],
            files: ["Thing.cs", "Sub/Forgotten.cs"],
            packages: [("nanoFramework.CoreLibrary", "1.17.11")],
            references: [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")]);

        var report = NanoGate.CheckProject(project, Options());

        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.File == "firmware/Demo/Sub/Forgotten.cs");
        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.Symbol == "firmware/Demo/Gone.cs");
    }

    [Fact]
    public void Sync_Makes_The_Compile_List_Match_The_Folder()
    {
        var project = WriteProject(
            compile: ["Thing.cs", "Gone.cs"],
            files: ["Thing.cs", "Sub/Forgotten.cs"],
            packages: [("nanoFramework.CoreLibrary", "1.17.11")],
            references: [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")]);

        Assert.True(CompileListSync.Sync(project));
        Assert.False(CompileListSync.Sync(project));

        var report = NanoGate.CheckProject(project, Options());
        Assert.True(report.Passed, report.Format());
        Assert.Contains("<Compile Include=\"Sub\\Forgotten.cs\" />", File.ReadAllText(project), StringComparison.Ordinal);
    }

    [Fact]
    public void Package_Without_Api_List_And_Mismatched_References_Are_Reported()
    {
        var project = WriteProject(
            compile: ["Thing.cs"],
            files: ["Thing.cs"],
            packages: [("nanoFramework.CoreLibrary", "1.17.11"), ("nanoFramework.Unheard.Of", "1.0.0")],
            references: [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.10\lib\mscorlib.dll")]);

        var report = NanoGate.CheckProject(project, Options());

        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.Symbol == "nanoFramework.Unheard.Of");
        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.Symbol == "nanoFramework.CoreLibrary 1.17.11");
        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.Symbol == "mscorlib");
    }

    [Fact]
    public void Missing_Packages_Config_Is_Reported()
    {
        var project = WriteProject(compile: ["Thing.cs"], files: ["Thing.cs"], packages: null, references: []);

        var report = NanoGate.CheckProject(project, Options());

        Assert.Contains(report.Violations, v => v.Rule == GateRule.Project && v.Symbol == "packages.config");
    }

    private GateOptions Options() => new()
    {
        RepositoryRoot = _root,
        ApiDirectory = Path.Combine(ViolationSampleTests.RepositoryRoot(), "firmware", "nanoframework-api"),
    };

    private string WriteProject(string[] compile, string[] files, (string Id, string Version)[]? packages, (string Include, string HintPath)[] references)
    {
        File.WriteAllText(Path.Combine(_root, "nuget.config"), "<configuration />");
        var dir = Path.Combine(_root, "firmware", "Demo");
        foreach (var file in files)
        {
            var path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "namespace Demo { public class " + Path.GetFileNameWithoutExtension(file) + " { } }");
        }

        var items = string.Join("", compile.Select(c => $"<Compile Include=\"{c.Replace('/', '\\')}\" />"));
        var refs = string.Join("", references.Select(r => $"<Reference Include=\"{r.Include}\"><HintPath>{r.HintPath}</HintPath></Reference>"));
        var nfproj = Path.Combine(dir, "Demo.nfproj");
        File.WriteAllText(nfproj, $"""
            <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup><AssemblyName>Demo</AssemblyName></PropertyGroup>
              <ItemGroup>{items}</ItemGroup>
              <ItemGroup>{refs}</ItemGroup>
            </Project>
            """);
        if (packages != null)
        {
            File.WriteAllText(Path.Combine(dir, "packages.config"),
                "<packages>" + string.Join("", packages.Select(p => $"<package id=\"{p.Id}\" version=\"{p.Version}\" targetFramework=\"netnano1.0\" />")) + "</packages>");
        }

        return nfproj;
    }
}
