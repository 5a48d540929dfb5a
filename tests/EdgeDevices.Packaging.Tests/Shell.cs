using System.Diagnostics;

namespace EdgeDevices.Packaging.Tests;

/// <summary>Runs a program to completion and keeps what it printed.</summary>
internal static class Shell
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string? directory = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (directory != null)
        {
            start.WorkingDirectory = directory;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeoutSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Runs and fails the test on a non-zero exit code.</summary>
    public static string Ok(string program, params string[] arguments)
    {
        var (code, output) = Run(program, arguments);
        Assert.True(code == 0, $"{program} {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }
}
