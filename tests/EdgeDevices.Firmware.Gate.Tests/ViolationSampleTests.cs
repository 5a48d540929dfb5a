using System.Text.RegularExpressions;
using EdgeDevices.Firmware.Gate;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>
/// Each sample file marks the lines the gate must flag with "// expect: RULE symbol; RULE symbol".
/// The gate must report every expectation on its line and nothing that is not expected.
/// </summary>
public sealed partial class ViolationSampleTests
{
    private static readonly string[] Packages =
    [
        "nanoFramework.CoreLibrary", "nanoFramework.System.Collections", "nanoFramework.System.Text", "nanoFramework.System.Math",
    ];

    [GeneratedRegex(@"//\s*expect:\s*(?<list>.+)$")]
    private static partial Regex ExpectComment();

    [Theory]
    [InlineData("Required.cs")]
    [InlineData("Constructs.cs")]
    [InlineData("StaticState.cs")]
    [InlineData("Formatting.cs")]
    public void Sample_Reports_Exactly_Its_Expected_Findings(string sample)
    {
        var (report, expectations) = Run(sample);

        foreach (var (line, rule, symbol, _) in expectations)
        {
            Assert.True(
                report.Violations.Any(v => v.Line == line && v.Rule == rule && v.Symbol.Contains(symbol, StringComparison.Ordinal)),
                $"expected {rule} '{symbol}' at {sample}:{line}\n{report.Format()}");
        }

        var unexpected = report.Violations
            .Where(v => !expectations.Any(e => e.Line == v.Line && e.Rule == v.Rule))
            .ToList();
        Assert.True(unexpected.Count == 0, "unexpected findings:\n" + string.Join("\n", unexpected));
    }

    [Fact]
    public void Required_Sample_Names_File_Line_And_Symbol()
    {
        var (report, _) = Run("Required.cs");

        var join = Assert.Single(report.Violations, v => v.Symbol.StartsWith("M:System.String.Join(", StringComparison.Ordinal));
        Assert.Equal("Samples/Required.cs", join.File);
        Assert.Equal(17, join.Line);
        Assert.Contains("Samples/Required.cs(17,", join.ToString(), StringComparison.Ordinal);
        Assert.Contains("[M:System.String.Join(", join.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_Sample_Passes()
    {
        var (report, expectations) = Run("Clean.cs", "Formatting.cs");

        Assert.DoesNotContain(expectations, e => e.File == "Clean.cs");
        var clean = report.Violations.Where(v => v.File.EndsWith("Clean.cs", StringComparison.Ordinal)).ToList();
        Assert.True(clean.Count == 0, "false positives in Clean.cs:\n" + string.Join("\n", clean));
    }

    [Fact]
    public void Missing_Package_Makes_Its_Types_Violations()
    {
        // Hashtable lives in nanoFramework.System.Collections, not in mscorlib.
        var options = new GateOptions { RepositoryRoot = RepositoryRoot() };
        var source = new FirmwareSource("Samples/NoCollections.cs", "namespace S { public class C { public int N() { return new System.Collections.Hashtable().Count; } } }");

        var report = NanoGate.CheckSources("no-collections", [source], ["nanoFramework.CoreLibrary"], options);

        Assert.Contains(report.Violations, v => v.Rule == GateRule.MissingApi && v.Symbol == "T:System.Collections.Hashtable");
    }

    private static (GateReport Report, List<(int Line, string Rule, string Symbol, string File)> Expectations) Run(params string[] samples)
    {
        var sources = new List<FirmwareSource>();
        var expectations = new List<(int, string, string, string)>();
        foreach (var sample in samples)
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", sample));
            sources.Add(new FirmwareSource("Samples/" + sample, text));
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = ExpectComment().Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                foreach (var item in match.Groups["list"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var space = item.IndexOf(' ', StringComparison.Ordinal);
                    expectations.Add((i + 1, item[..space], item[(space + 1)..].Trim(), sample));
                }
            }
        }

        var report = NanoGate.CheckSources(string.Join("+", samples), sources, Packages, new GateOptions { RepositoryRoot = RepositoryRoot() });
        return (report, expectations.Select(e => (e.Item1, e.Item2, e.Item3, e.Item4)).ToList());
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeDevices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
