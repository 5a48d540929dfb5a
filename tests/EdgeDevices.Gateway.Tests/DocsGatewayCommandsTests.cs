using System.Text.RegularExpressions;
using EdgeDevices.Testing;

namespace EdgeDevices.Gateway.Tests;

/// <summary>
/// Every <c>edgedevices-gateway</c> command the docs show is run as written, in the order each page gives it,
/// against the installed layout's stand-ins: the program is the built one, /etc/edgedevices/gateway.json the
/// example the package installs, /var/lib/edgedevices a fresh state directory, and the files a command reads
/// (a password, a key) are made first. So the operator's docs cannot drift from the program.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed partial class DocsGatewayCommandsTests
{
    public static TheoryData<string> Pages() => [.. Commands().Select(c => c.Page).Distinct()];

    [Fact]
    public void The_docs_show_gateway_commands() => Assert.True(Commands().Count >= 6, $"{Commands().Count} commands found");

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_gateway_command_of_the_page_runs_as_written(string page)
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-docs-").FullName;
        var work = Directory.CreateTempSubdirectory("edgedevices-docs-work-").FullName;
        var config = Path.Combine(work, "gateway.json");
        File.Copy(Path.Combine(RepositoryRoot.Path, "gateway", "deploy", "gateway.json"), config);
        File.WriteAllText(Path.Combine(work, "pw.txt"), "device-password-1\n");
        File.WriteAllText(Path.Combine(work, "key.txt"), new string('a', 64) + "\n");
        foreach (var (_, line) in Commands().Where(c => c.Page == page))
        {
            var words = Words().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();

            // "sudo -u edgedevices STATE_DIRECTORY=… /opt/…/edgedevices-gateway …": the state directory is the service's.
            var program = words.FindIndex(w => w.EndsWith("edgedevices-gateway", StringComparison.Ordinal));
            var arguments = words.Skip(program + 1).Select(w => w switch
            {
                "/etc/edgedevices/gateway.json" => config,
                "pw.txt" or "key.txt" => Path.Combine(work, w),

                // A password on standard input, given here as the file it would come from.
                "-" => Path.Combine(work, "pw.txt"),
                _ when w.EndsWith(".csv", StringComparison.Ordinal) => Path.Combine(work, w),
                _ => w,
            }).ToList();
            using var run = GatewayProcess.Start(arguments, new Dictionary<string, string> { ["STATE_DIRECTORY"] = state, ["EDGEDEVICES_CONFIG"] = config });
            Assert.True(run.WaitForExit() == 0, $"{page}: {line}\n{run.Output}");
        }
    }

    private static List<(string Page, string Line)> Commands()
    {
        var found = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            var inBlock = false;
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inBlock = !inBlock;
                }
                else if (inBlock && GatewayCommand().IsMatch(line))
                {
                    found.Add((Path.GetFileName(file), line.Trim()));
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"^(sudo -u edgedevices \S+ )?(/opt/edgedevices/gateway/)?edgedevices-gateway ")]
    private static partial Regex GatewayCommand();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
