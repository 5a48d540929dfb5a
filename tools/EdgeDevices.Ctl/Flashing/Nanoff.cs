using System.Diagnostics;

namespace EdgeDevices.Ctl.Flashing;

/// <summary>
/// Runs nanoFramework's flasher (<c>nanoff</c>, a .NET global tool) found on the PATH. Each run's output is
/// kept; a failed run ends the flash with nanoff's last words and what to try next.
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

    /// <summary>Runs nanoff with <paramref name="arguments"/>; throws with its output when it fails.</summary>
    public async Task RunAsync(string step, IReadOnlyList<string> arguments, string next)
    {
        var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new CtlException($"nanoff did not start ({step})", next, 7);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var said = string.Join(" | ", ((await output.ConfigureAwait(false)) + "\n" + (await error.ConfigureAwait(false))).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            throw new CtlException($"{step} failed (nanoff exit code {process.ExitCode}): {said}", next, 7);
        }
    }
}
