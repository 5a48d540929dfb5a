using System.Text.RegularExpressions;

namespace EdgeDevices.Packaging.Tests;

/// <summary>
/// The README starts with the two commands a newcomer runs (the fleet, then every test), CI runs exactly the
/// second, and it installs every Debian package a test asks for.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed partial class ReadmeCommandsTests
{
    private static readonly string Repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    [Fact]
    public void The_readme_starts_with_the_run_and_the_test_command_and_ci_runs_the_test_command()
    {
        var readme = File.ReadAllText(Path.Combine(Repository, "README.md"));
        var blocks = Blocks().Matches(readme).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal("dotnet run --project tools/EdgeDevices.Fleet", blocks[0]);
        Assert.Equal("scripts/test", blocks[1]);
        Assert.True(readme.IndexOf("```", StringComparison.Ordinal) < readme.IndexOf("## ", StringComparison.Ordinal), "the commands come before any section");

        var ci = File.ReadAllLines(Path.Combine(Repository, ".ci", "run")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal("exec scripts/test", ci[^1]);
        var script = File.ReadAllText(Path.Combine(Repository, "scripts", "test"));
        Assert.Contains("exec dotnet test EdgeDevices.sln \"$@\"", script);
        Assert.True((File.GetUnixFileMode(Path.Combine(Repository, "scripts", "test")) & UnixFileMode.UserExecute) != 0);
    }

    [Fact]
    public void The_test_command_installs_every_package_a_test_asks_for()
    {
        var script = File.ReadAllText(Path.Combine(Repository, "scripts", "test"));
        var installed = Packages().Match(script).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var asked = Directory.GetFiles(Path.Combine(Repository, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => AptInstall().Matches(File.ReadAllText(f)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Distinct()
            .ToList();
        Assert.NotEmpty(asked);
        Assert.All(asked, package => Assert.Contains(package, installed));
        var (code, output) = Shell.Run("bash", ["-n", Path.Combine(Repository, "scripts", "test")], Repository);
        Assert.True(code == 0, output);
    }

    [GeneratedRegex("```\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"packages=\(([^)]*)\)")]
    private static partial Regex Packages();

    [GeneratedRegex(@"apt-get install ([a-z0-9-]+(?: [a-z0-9-]+)*)")]
    private static partial Regex AptInstall();
}
