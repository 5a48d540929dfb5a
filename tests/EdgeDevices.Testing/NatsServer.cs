using System.Diagnostics;
using System.Globalization;

namespace EdgeDevices.Testing;

/// <summary>
/// Debian's nats-server with JetStream (<c>-js</c>), started for a test on a free port with a store of its
/// own, and killed at the end (apt-get install nats-server; .ci/run installs it). Three of them with
/// routes between them make a JetStream cluster (<see cref="StartCluster"/>).
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NatsServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Whether the server process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    public static NatsServer Start() => Start([]);

    /// <summary>
    /// A JetStream cluster of <paramref name="nodes"/> servers on loopback, routed to each other, each with a
    /// store of its own; returns once all accept clients (the cluster elects its meta leader shortly after).
    /// </summary>
    public static NatsServer[] StartCluster(int nodes = 3)
    {
        var clusterPorts = Enumerable.Range(0, nodes).Select(_ => LocalServer.FreePort()).ToArray();
        var routes = string.Join(',', clusterPorts.Select(p => $"nats://127.0.0.1:{p}"));
        var servers = new List<NatsServer>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                servers.Add(Start([
                    "--server_name", $"edge-{i}", "--cluster_name", "edge",
                    "--cluster", $"nats://127.0.0.1:{clusterPorts[i].ToString(CultureInfo.InvariantCulture)}", "--routes", routes,
                ]));
            }
        }
        catch
        {
            servers.ForEach(s => s.Dispose());
            throw;
        }

        return [.. servers];
    }

    /// <summary>Kills the server as a power cut would (its store stays on disk until disposal).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    public void Dispose() => LocalServer.Stop(_process, _directory);

    private static NatsServer Start(string[] extra)
    {
        var executable = LocalServer.Find("nats-server")
            ?? throw new InvalidOperationException("nats-server is not installed: the NATS tests run against Debian's server (apt-get install nats-server; .ci/run installs it)");
        var directory = Directory.CreateTempSubdirectory("edgedevices-nats-").FullName;
        var port = LocalServer.FreePort();
        var start = new ProcessStartInfo(executable, ["-js", "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-sd", directory, .. extra]);
        return new NatsServer(LocalServer.Start(start, port, "nats-server"), directory, port);
    }
}
