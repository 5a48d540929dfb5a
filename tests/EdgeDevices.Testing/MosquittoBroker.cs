using System.Diagnostics;
using System.Net;

namespace EdgeDevices.Testing;

/// <summary>
/// Debian's mosquitto, started for a test run on a free loopback port with a configuration of its own
/// (anonymous, in-memory, no limits on queued messages), and killed at the end. The tests need the real
/// broker the city runs, not a mock: install it with <c>apt-get install mosquitto</c> (.ci/run does).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The broker's process id (for measuring it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Its address.</summary>
    public IPAddress Address => IPAddress.Loopback;

    /// <summary>Its endpoint.</summary>
    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>Starts a broker and waits until it accepts connections.</summary>
    public static MosquittoBroker Start() => Start(null, null);

    /// <summary>Starts a broker on <paramref name="port"/>, for a platform that comes up where a client already looks for it.</summary>
    public static MosquittoBroker Start(int port) => Start(null, null, port);

    /// <summary>
    /// Starts a broker that admits only <paramref name="users"/> (name → password, stored with mosquitto_passwd)
    /// and applies <paramref name="acl"/> (mosquitto's acl_file text), as a city's broker would be set up.
    /// </summary>
    public static MosquittoBroker StartSecured(IReadOnlyDictionary<string, string> users, string acl) => Start(users, acl);

    private static MosquittoBroker Start(IReadOnlyDictionary<string, string>? users, string? acl, int? port = null)
    {
        var executable = LocalServer.Find("mosquitto") ?? throw new InvalidOperationException(
            "mosquitto is not installed: the MQTT tests run against Debian's broker (apt-get install mosquitto; .ci/run installs it)");
        var directory = Directory.CreateTempSubdirectory("edgedevices-mosquitto-").FullName;
        var listen = port ?? LocalServer.FreePort();
        var config = Path.Combine(directory, "mosquitto.conf");
        var security = new List<string> { "allow_anonymous true" };
        if (users != null)
        {
            var passwords = Path.Combine(directory, "passwords");
            File.WriteAllText(passwords, string.Empty);
            var tool = LocalServer.Find("mosquitto_passwd") ?? throw new InvalidOperationException("mosquitto_passwd is not installed (it comes with Debian's mosquitto package)");
            foreach (var (user, password) in users)
            {
                using var add = Process.Start(new ProcessStartInfo(tool, ["-b", passwords, user, password]) { RedirectStandardError = true })!;
                add.WaitForExit();
                if (add.ExitCode != 0)
                {
                    throw new InvalidOperationException($"mosquitto_passwd failed for {user}: {add.StandardError.ReadToEnd()}");
                }
            }

            File.WriteAllText(Path.Combine(directory, "acl"), acl ?? string.Empty);

            // mosquitto started as root reads these after dropping to its own user (the broker is Debian's: Linux only).
            if (!OperatingSystem.IsLinux())
            {
                throw new PlatformNotSupportedException("the mosquitto tests run on Linux");
            }

            var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(directory, readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(passwords, readable);
            File.SetUnixFileMode(Path.Combine(directory, "acl"), readable);
            security = ["allow_anonymous false", $"password_file {passwords}", $"acl_file {Path.Combine(directory, "acl")}"];
        }

        File.WriteAllText(config, string.Join('\n',
            $"listener {listen} 127.0.0.1",
            string.Join('\n', security),
            "persistence false",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            string.Empty));
        // Raise the open-file limit to the hard limit first: a fleet test opens a connection per device.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$0\" -c \"$1\"", executable, config]);
        return new MosquittoBroker(LocalServer.Start(start, listen, "mosquitto"), directory, listen);
    }

    /// <summary>Stops the broker.</summary>
    public void Dispose() => LocalServer.Stop(_process, _directory);
}
