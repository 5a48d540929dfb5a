using System.Net;
using System.Net.Sockets;

namespace EdgeDevices.Testing;

/// <summary>
/// A TCP relay in front of a server that a test can cut and restore: an outage of the network between a
/// client and its server (the platform behind the gateway, say) without stopping the server. While cut,
/// open connections are reset and new ones refused.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _open;

    public TcpRelay(IPEndPoint target, bool open = true)
    {
        _target = target;
        _open = open;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Cuts the link: open connections are reset, new ones refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _open = false;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                try
                {
                    connection.Client.LingerState = new LingerOption(true, 0);
                    connection.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _connections.Clear();
        }
    }

    /// <summary>Restores the link.</summary>
    public void Restore() => _open = true;

    public void Dispose()
    {
        _stop.Cancel();
        Cut();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            if (!_open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Close();
                continue;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(_target);
            }
            catch (SocketException)
            {
                client.Close();
                upstream.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16384];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var n = await input.ReadAsync(buffer);
                if (n == 0)
                {
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, n));
            }
        }
        catch (Exception)
        {
            // Reset by a cut, or closed by either side.
        }

        try
        {
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception)
        {
        }
    }
}
