using EdgeDevices.Firmware.Gate;

// nanogate [repository-root] [project.nfproj ...]
//   Checks the projects (every .nfproj under firmware/ when none is named). Exit code 0 when all pass.
// nanogate sync project.nfproj ...
//   Rewrites each project's <Compile Include> list to the .cs files in its folder.
if (args.Length > 0 && args[0] == "sync")
{
    foreach (var project in args.Skip(1))
    {
        Console.WriteLine((CompileListSync.Sync(project) ? "updated " : "unchanged ") + project);
    }

    return 0;
}

var root = args.Length > 0 && Directory.Exists(args[0]) ? Path.GetFullPath(args[0]) : FindRoot(Directory.GetCurrentDirectory());
var projects = args.Where(a => a.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase)).Select(Path.GetFullPath).ToList();
if (projects.Count == 0)
{
    projects = NanoGate.FindProjects(root).ToList();
}

var standIns = Directory.EnumerateFiles(AppContext.BaseDirectory, "EdgeDevices.Firmware.Host*.dll").ToList();
var options = new GateOptions { RepositoryRoot = root, StandInAssemblies = standIns };
var failed = 0;
foreach (var project in projects)
{
    var report = NanoGate.CheckProject(project, options);
    Console.Write(report.Format());
    failed += report.Passed ? 0 : 1;
}

Console.WriteLine(failed == 0 ? $"nanogate: {projects.Count} projects pass" : $"nanogate: {failed} of {projects.Count} projects fail");
return failed == 0 ? 0 : 1;

static string FindRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EdgeDevices.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run nanogate inside the repository or pass its root as the first argument");
}
