using System.Net;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Hardware.Emulation.Network;

/// <summary>
/// The network the emulated boards live in: Wi-Fi access points (SSID, password, signal), a DNS table
/// naming real hosts (a broker on this machine, typically), a time service, and outages. A connection a
/// board opens is a real TCP connection on this machine, so the servers on the other end are real; the
/// emulation only decides whether a board may reach them and cuts its connections (with a reset, which
/// the server sees at once) when its link or the server goes away.
/// </summary>
public sealed class EmulatedNetwork
{
    private readonly object _sync = new();
    private readonly EmulationWorld _world;
    private readonly Dictionary<string, AccessPoint> _accessPoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPAddress> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<IPEndPoint> _unreachable = [];

    internal EmulatedNetwork(EmulationWorld world) => _world = world;

    /// <summary>How long a station takes to associate and get an address.</summary>
    public int JoinDelayMilliseconds { get; set; } = 1500;

    /// <summary>Whether SNTP answers (sets a board's RTC when it joins).</summary>
    public bool TimeServiceAvailable { get; set; } = true;

    /// <summary>Adds (or replaces) an access point.</summary>
    public void AddAccessPoint(string ssid, string password, int rssi = -62)
    {
        lock (_sync)
        {
            _accessPoints[ssid] = new AccessPoint(ssid, password, rssi);
        }
    }

    /// <summary>Switches an access point off or on: its stations lose their link, and re-join when it returns.</summary>
    public void SetAccessPointUp(string ssid, bool up)
    {
        lock (_sync)
        {
            Find(ssid).Up = up;
        }

        foreach (var board in _world.Boards)
        {
            board.Wifi.AccessPointChanged(ssid, up);
        }
    }

    /// <summary>Adds a DNS name.</summary>
    public void AddHost(string name, IPAddress address)
    {
        lock (_sync)
        {
            _hosts[name] = address;
        }
    }

    /// <summary>
    /// Makes a server reachable or not (a broker outage as the devices see it): while unreachable, open
    /// connections to it are reset and new ones refused.
    /// </summary>
    public void SetReachable(IPEndPoint server, bool reachable)
    {
        lock (_sync)
        {
            if (reachable)
            {
                _unreachable.Remove(server);
            }
            else
            {
                _unreachable.Add(server);
            }
        }

        if (!reachable)
        {
            foreach (var board in _world.Boards)
            {
                board.Wifi.ResetConnectionsTo(server);
            }
        }
    }

    internal AccessPoint? TryFind(string ssid)
    {
        lock (_sync)
        {
            return _accessPoints.TryGetValue(ssid, out var ap) ? ap : null;
        }
    }

    internal IReadOnlyList<AccessPoint> AccessPoints()
    {
        lock (_sync)
        {
            return [.. _accessPoints.Values];
        }
    }

    internal IPAddress? Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        lock (_sync)
        {
            return _hosts.TryGetValue(host, out var address) ? address : null;
        }
    }

    internal bool IsReachable(IPEndPoint server)
    {
        lock (_sync)
        {
            return !_unreachable.Contains(server);
        }
    }

    private AccessPoint Find(string ssid) =>
        _accessPoints.TryGetValue(ssid, out var ap) ? ap : throw new InvalidOperationException($"no access point '{ssid}'");

    internal sealed class AccessPoint(string ssid, string password, int rssi)
    {
        public string Ssid { get; } = ssid;

        public string Password { get; } = password;

        public int Rssi { get; } = rssi;

        public volatile bool Up = true;
    }
}
