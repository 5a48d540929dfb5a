using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeDevices.Testing;

/// <summary>
/// Debian's mosquitto, started for a test run on a free loopback port with a configuration of its own
/// (anonymous, in-memory, no limits on queued messages), and killed at the end. The tests need the real
/// broker the city runs, not a mock: install it with <c>apt-get install mosquitto</c> (.ci/run does).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"];

    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Its address.</summary>
    public IPAddress Address => IPAddress.Loopback;

    /// <summary>Its endpoint.</summary>
    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>Starts a broker and waits until it accepts connections.</summary>
    public static MosquittoBroker Start()
    {
        var executable = Find() ?? throw new InvalidOperationException(
            "mosquitto is not installed: the MQTT tests run against Debian's broker (apt-get install mosquitto; .ci/run installs it)");
        var directory = Directory.CreateTempSubdirectory("edgedevices-mosquitto-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(config, string.Join('\n',
            $"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            string.Empty));
        // Raise the open-file limit to the hard limit first: a fleet test opens a connection per device.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$0\" -c \"$1\"", executable, config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoBroker(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return broker;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        broker.Dispose();
        throw new TimeoutException("mosquitto did not open its port within 10 s");
    }

    /// <summary>Stops the broker.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var candidate = Path.Combine(dir, "mosquitto");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
