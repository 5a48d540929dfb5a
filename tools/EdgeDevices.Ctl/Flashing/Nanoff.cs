using System.Diagnostics;

namespace EdgeDevices.Ctl.Flashing;

/// <summary>
/// Runs nanoFramework's flasher (<c>nanoff</c>, a .NET global tool) found on the PATH. Its output is passed on
/// line by line as it comes (writing a firmware takes minutes: the technician sees it move), and its last
/// lines are kept: a failed run ends the flash with nanoff's last words and what to try next.
/// </summary>
public sealed class Nanoff(string executable)
{
    /// <summary>The nanoff on the PATH; a missing one says how to install it.</summary>
    public static Nanoff Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "nanoff.exe", "nanoff.cmd" } : ["nanoff"];
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .SelectMany(d => names.Select(n => Path.Combine(d, n)))
            .FirstOrDefault(File.Exists);
        return found != null ? new Nanoff(found)
            : throw new CtlException("nanoff is not installed (not found on the PATH)",
                "install it with 'dotnet tool install -g nanoff', make sure ~/.dotnet/tools is on the PATH, then run edgectl flash again", 6);
    }

    /// <summary>
    /// Runs nanoff with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, handing each line it
    /// prints to <paramref name="line"/>; returns everything it printed; throws with its last lines when it fails.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunAsync(string step, IReadOnlyList<string> arguments, string next, string workingDirectory, Action<string> line)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start) ?? throw new CtlException($"nanoff did not start ({step})", next, 7);
        var said = new List<string>();
        async Task Pump(StreamReader reader)
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
            {
                lock (said)
                {
                    said.Add(text);
                }

                if (text.Trim().Length > 0)
                {
                    line(text);
                }
            }
        }

        await Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError)).ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var last = string.Join(" | ", said.Select(s => s.Trim()).Where(s => s.Length > 0).TakeLast(3));
            throw new CtlException($"{step} failed (nanoff exit code {process.ExitCode}): {last}", next, 7);
        }

        return said;
    }
}
