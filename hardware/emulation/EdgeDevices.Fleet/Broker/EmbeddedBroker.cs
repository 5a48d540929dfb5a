using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace EdgeDevices.Fleet.Broker;

/// <summary>
/// An MQTTnet broker inside the fleet runner, for running emulated devices when no broker is given (the
/// gateway will embed the same server). Anonymous, persistent sessions in memory.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    /// <summary>The port it listens on (loopback and all interfaces).</summary>
    public int Port { get; }

    /// <summary>Starts a broker on <paramref name="port"/> (0: a free one).</summary>
    public static async Task<EmbeddedBroker> StartAsync(int port = 0)
    {
        if (port == 0)
        {
            port = FreePort();
        }

        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithConnectionBacklog(2048)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        return new EmbeddedBroker(server, port);
    }

    /// <summary>A TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
