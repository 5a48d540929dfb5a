namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// Keeps the device project honest: the .nfproj must list every source file in its folder (a file the
/// host build compiles but the device build leaves out would only fail on a Windows build machine), every
/// package in packages.config must have an API list, and every assembly reference must point at the
/// pinned package's lib folder (..\..\packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;assembly&gt;) and back.
/// </summary>
internal static class ProjectChecker
{
    public static void Check(NfProject project, string apiDirectory, Func<string, string> display, ViolationSink sink)
    {
        var projectFile = display(project.FullPath);
        var listed = new HashSet<string>(project.CompileItems, StringComparer.Ordinal);
        foreach (var item in project.CompileItems.Where(i => !File.Exists(i)))
        {
            sink.Add(GateRule.Project, projectFile, 1, 1, display(item), "the .nfproj compiles a file that does not exist");
        }

        foreach (var file in SourceFilesUnder(project.Directory).Where(f => !listed.Contains(f)))
        {
            sink.Add(GateRule.Project, display(file), 1, 1, Path.GetFileName(file), $"source file not listed in {Path.GetFileName(project.FullPath)}: the device build would leave it out; add a <Compile Include> for it");
        }

        foreach (var reference in project.ProjectReferences.Where(r => !File.Exists(r)))
        {
            sink.Add(GateRule.Project, projectFile, 1, 1, display(reference), "project reference to a file that does not exist");
        }

        if (!project.HasPackagesConfig)
        {
            sink.Add(GateRule.Project, projectFile, 1, 1, "packages.config", "no packages.config next to the .nfproj: the nanoFramework packages must be pinned");
            return;
        }

        var expectedHintPaths = new Dictionary<string, PinnedPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in project.Packages)
        {
            if (!ApiSurface.HasList(apiDirectory, package.Id))
            {
                sink.Add(GateRule.Project, display(Path.Combine(project.Directory, "packages.config")), 1, 1, package.Id, $"no API list firmware/nanoframework-api/{package.Id}.txt for this package, so its use cannot be checked");
                continue;
            }

            foreach (var assembly in ApiSurface.AssembliesOf(apiDirectory, package.Id))
            {
                var hintPath = Path.GetFullPath(Path.Combine(RepositoryPackages(project), $"{package.Id}.{package.Version}", "lib", assembly));
                expectedHintPaths[hintPath] = package;
                if (!project.References.Any(r => r.HintPath != null && PathsEqual(project.Resolve(r.HintPath), hintPath)))
                {
                    sink.Add(GateRule.Project, projectFile, 1, 1, $"{package.Id} {package.Version}",
                        $"packages.config pins {package.Id} {package.Version} but no <Reference> has HintPath ..\\..\\packages\\{package.Id}.{package.Version}\\lib\\{assembly}");
                }
            }
        }

        foreach (var reference in project.References)
        {
            if (reference.HintPath is null || !expectedHintPaths.Keys.Any(k => PathsEqual(k, project.Resolve(reference.HintPath))))
            {
                sink.Add(GateRule.Project, projectFile, 1, 1, reference.Include,
                    $"<Reference Include=\"{reference.Include}\"> does not point at an assembly of a package pinned in packages.config (HintPath {reference.HintPath ?? "missing"})");
            }
        }
    }

    // nuget.config at the repository root sets repositoryPath=packages: walk up to it.
    private static string RepositoryPackages(NfProject project)
    {
        for (var dir = new DirectoryInfo(project.Directory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nuget.config")))
            {
                return Path.Combine(dir.FullName, "packages");
            }
        }

        return Path.Combine(project.Directory, "..", "..", "packages");
    }

    private static bool PathsEqual(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<string> SourceFilesUnder(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs"))
        {
            yield return Path.GetFullPath(file);
        }

        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" || File.Exists(Path.Combine(sub, "packages.config")))
            {
                continue; // build output, or another project's folder
            }

            foreach (var file in SourceFilesUnder(sub))
            {
                yield return file;
            }
        }
    }
}
