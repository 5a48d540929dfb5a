using System.Text.RegularExpressions;

namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// Every edgectl command written in the docs is one edgectl accepts, options and values included (the
/// behaviour behind them is exercised by <see cref="EdgectlTests"/>), so the docs cannot drift from the tool.
/// </summary>
public sealed partial class DocsCommandsTests
{
    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        var docs = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs"));
        foreach (var file in Directory.GetFiles(docs, "*.md"))
        {
            var inBlock = false;
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inBlock = !inBlock;
                    continue;
                }

                if (inBlock && line.StartsWith("edgectl ", StringComparison.Ordinal))
                {
                    data.Add(Path.GetFileName(file), line);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_docs_show_edgectl_commands() => Assert.True(Commands().Count >= 10);

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_documented_command_is_one_edgectl_accepts(string file, string line)
    {
        var args = Words().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).Skip(1).ToArray();
        var problems = EdgeCtl.Check(args);
        Assert.True(problems.Count == 0, $"{file}: {line}\n{string.Join('\n', problems)}");
    }

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
