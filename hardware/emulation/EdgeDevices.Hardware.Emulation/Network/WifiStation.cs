using System.Net;
using System.Net.Sockets;
using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Network;

/// <summary>
/// A board's Wi-Fi station. The firmware gives it credentials (which it keeps, as the ESP32 keeps them in
/// its configuration block) and it associates with the access point when it can, and again by itself after
/// every loss (automatic reconnection). A test can drop the board's link (out of range, interference):
/// its connections are reset at once and it stays off the air until the link is restored.
/// </summary>
public sealed class WifiStation
{
    private readonly EmulatedBoard _board;
    private readonly object _sync = new();
    private readonly List<LinkConnection> _connections = [];
    private readonly List<long> _connectAttempts = [];
    private readonly ManualResetEvent _associated = new(false);
    private string? _ssid;
    private string? _password;
    private bool _dropped;
    private bool _joining;
    private int _generation;

    internal WifiStation(EmulatedBoard board) => _board = board;

    /// <summary>Raised when the link comes up (true) or goes down (false).</summary>
    public event Action<bool>? LinkChanged;

    /// <summary>Set while associated with an IP address.</summary>
    public ManualResetEvent Associated => _associated;

    /// <summary>Whether the station is associated.</summary>
    public bool IsConnected => _associated.WaitOne(0);

    /// <summary>Signal strength while associated (dBm).</summary>
    public int Rssi
    {
        get
        {
            var ap = _ssid == null ? null : _board.World.Network.TryFind(_ssid);
            return IsConnected && ap != null ? ap.Rssi : -127;
        }
    }

    /// <summary>When the firmware tried to open a TCP connection (world uptime, ms): how hard it retries.</summary>
    public IReadOnlyList<long> ConnectAttempts
    {
        get
        {
            lock (_sync)
            {
                return [.. _connectAttempts];
            }
        }
    }

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_sync)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Times the link went down.</summary>
    public int LinkLosses { get; private set; }

    /// <summary>The SSIDs in range and their signal (what a scan finds).</summary>
    public IReadOnlyList<(string Ssid, int Rssi)> Scan() =>
        [.. _board.World.Network.AccessPoints().Where(ap => ap.Up).Select(ap => (ap.Ssid, ap.Rssi))];

    // ---- the firmware's side ----

    /// <summary>Stores credentials and starts associating (the result shows in <see cref="Associated"/>).</summary>
    public void Join(string ssid, string password)
    {
        lock (_sync)
        {
            _ssid = ssid;
            _password = password;
        }

        TryAssociate();
    }

    /// <summary>Leaves the network (the firmware's disconnect).</summary>
    public void Leave()
    {
        lock (_sync)
        {
            _ssid = null;
            _password = null;
        }

        LoseLink();
    }

    /// <summary>Resolves a host name as the network's DNS does.</summary>
    public IPAddress Resolve(string host)
    {
        if (!IsConnected)
        {
            throw new SocketException((int)SocketError.NetworkUnreachable);
        }

        return _board.World.Network.Resolve(host) ?? throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Opens a TCP connection through the board's link.</summary>
    public async Task<Stream> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _connectAttempts.Add(_board.World.Clock.UptimeMilliseconds);
        }

        if (!IsConnected)
        {
            throw new SocketException((int)SocketError.NetworkUnreachable);
        }

        if (!_board.World.Network.IsReachable(server))
        {
            throw new SocketException((int)SocketError.ConnectionRefused);
        }

        var client = new TcpClient(server.AddressFamily) { NoDelay = true };
        try
        {
            await client.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var connection = new LinkConnection(this, client, server);
        lock (_sync)
        {
            _connections.Add(connection);
        }

        if (!IsConnected || !_board.World.Network.IsReachable(server))
        {
            // The link went while connecting.
            connection.Reset();
        }

        return connection.Stream;
    }

    // ---- the test's side ----

    /// <summary>Takes the board off the air until <see cref="RestoreLink"/>.</summary>
    public void DropLink()
    {
        lock (_sync)
        {
            _dropped = true;
        }

        LoseLink();
    }

    /// <summary>Puts the board back in range: it re-joins by itself.</summary>
    public void RestoreLink()
    {
        lock (_sync)
        {
            _dropped = false;
        }

        TryAssociate();
    }

    internal void AccessPointChanged(string ssid, bool up)
    {
        if (_ssid != ssid)
        {
            return;
        }

        if (up)
        {
            TryAssociate();
        }
        else
        {
            LoseLink();
        }
    }

    internal void ResetConnectionsTo(IPEndPoint server)
    {
        foreach (var connection in Snapshot().Where(c => c.Server.Equals(server)))
        {
            connection.Reset();
        }
    }

    internal void Forget(LinkConnection connection)
    {
        lock (_sync)
        {
            _connections.Remove(connection);
        }
    }

    // Power cut: the association, the connections and the driver's state go; the firmware joins again at boot.
    internal void PowerOff()
    {
        LoseLink();
        lock (_sync)
        {
            _ssid = null;
            _password = null;
        }
    }

    private void TryAssociate()
    {
        int generation;
        lock (_sync)
        {
            if (_joining || _associated.WaitOne(0) || _ssid == null || _dropped)
            {
                return;
            }

            _joining = true;
            generation = _generation;
        }

        var network = _board.World.Network;
        _board.World.Scheduler.After(network.JoinDelayMilliseconds, () =>
        {
            bool up;
            lock (_sync)
            {
                _joining = false;
                var ap = _ssid == null ? null : network.TryFind(_ssid);
                up = generation == _generation && !_dropped && _board.IsPoweredOn && ap != null && ap.Up && ap.Password == _password;
                if (up)
                {
                    _associated.Set();
                }
            }

            if (up)
            {
                if (network.TimeServiceAvailable)
                {
                    _board.SetRtcFromNetwork();
                }

                LinkChanged?.Invoke(true);
            }
            else
            {
                // Wrong password or no access point: the driver keeps trying, as the ESP32's does.
                _board.World.Scheduler.After(5000, TryAssociate);
            }
        });
    }

    private void LoseLink()
    {
        bool wasUp;
        lock (_sync)
        {
            _generation++;
            wasUp = _associated.WaitOne(0);
            _associated.Reset();
            if (wasUp)
            {
                LinkLosses++;
            }
        }

        foreach (var connection in Snapshot())
        {
            connection.Reset();
        }

        if (wasUp)
        {
            LinkChanged?.Invoke(false);
        }
    }

    private List<LinkConnection> Snapshot()
    {
        lock (_sync)
        {
            return [.. _connections];
        }
    }
}
