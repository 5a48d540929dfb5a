using System.Diagnostics;
using System.Text;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>The gateway as its own process (the built edgedevices-gateway), for what needs a real process: kill -9, exit codes, systemd's socket.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Its resident memory now, from /proc (what the kernel charges it, as top shows).</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The built gateway assembly beside this test's build.</summary>
    public static string Assembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "gateway", "EdgeDevices.Gateway", "bin", configuration, "net10.0", "edgedevices-gateway.dll");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException("edgedevices-gateway.dll: build the solution first");
        }
    }

    /// <summary>Starts <paramref name="program"/> (a wrapper that runs the gateway, such as <c>unshare</c>) with <paramref name="arguments"/>.</summary>
    public static GatewayProcess Run(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NOTIFY_SOCKET");
        start.Environment.Remove("WATCHDOG_USEC");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new GatewayProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}"));
    }

    /// <summary>Starts <c>edgedevices-gateway</c> with <paramref name="arguments"/> and <paramref name="environment"/>.</summary>
    public static GatewayProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Run("dotnet", [Assembly, .. arguments], environment);

    /// <summary>Runs to completion; returns the exit code.</summary>
    public int WaitForExit(int milliseconds = 60_000)
    {
        if (!_process.WaitForExit(milliseconds))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("the gateway did not exit");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until it printed <paramref name="text"/>; false when it exited without (a hang fails the test through <see cref="Eventually"/>).</summary>
    public bool WaitForOutput(string text)
    {
        Eventually.True(() => Output.Contains(text, StringComparison.Ordinal) || _process.HasExited, () => Output);
        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
