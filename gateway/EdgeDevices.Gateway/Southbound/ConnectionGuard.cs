using System.Net;
using EdgeDevices.Gateway.Configuration;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Who may try to log in to the embedded broker: connection caps (in total and per source address) and a
/// back-off on failed logins per source address, so a flood of connections or of wrong passwords from the
/// street network costs the gateway a dictionary look-up, not a database read and a hash. After
/// <c>failedLoginsPerAddress</c> failures within a minute the address is refused without a check for a minute,
/// doubling with each failure while blocked (up to an hour). A successful login does not clear the record:
/// one valid credential must not buy an attacker behind the same address more guesses.
/// </summary>
public sealed class ConnectionGuard(EmbeddedBrokerOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestBlock = TimeSpan.FromHours(1);

    private readonly object _sync = new();
    private readonly Dictionary<string, (string Address, string? Connection)> _addressOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _socketsPerAddress = new(StringComparer.Ordinal);
    private int _sockets;

    /// <summary>Why a login attempt from <paramref name="address"/> is refused before its password is checked, or null.</summary>
    public string? Refusal(string address)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (_failures.TryGetValue(address, out var failures) && failures.BlockedUntil > now)
            {
                return $"too many failed logins: refused until {failures.BlockedUntil:HH:mm:ss}Z";
            }

            return CapRefusal(_addressOf.Count, _perAddress.GetValueOrDefault(address));
        }
    }

    /// <summary>
    /// Why a new TCP connection from <paramref name="address"/> is closed as soon as it is accepted (before any TLS
    /// handshake or read), or null when it is let in and counted until <see cref="SocketClosed"/>: the caps count
    /// every open socket, logged in or not, so connections that never log in cannot pile up either. With
    /// <paramref name="dropBlocked"/> (the TLS listener, where the handshake is the costly part) an address
    /// blocked for failed logins is dropped here too; on plain TCP it is answered "banned" at its CONNECT instead.
    /// </summary>
    public string? SocketOpened(string address, bool dropBlocked)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (dropBlocked && _failures.TryGetValue(address, out var failures) && failures.BlockedUntil > now)
            {
                return $"too many failed logins: refused until {failures.BlockedUntil:HH:mm:ss}Z";
            }

            if (CapRefusal(_sockets, _socketsPerAddress.GetValueOrDefault(address)) is { } full)
            {
                return full;
            }

            _sockets++;
            _socketsPerAddress[address] = _socketsPerAddress.GetValueOrDefault(address) + 1;
            return null;
        }
    }

    /// <summary>A TCP connection let in by <see cref="SocketOpened"/> closed.</summary>
    public void SocketClosed(string address)
    {
        lock (_sync)
        {
            _sockets--;
            if (_socketsPerAddress.TryGetValue(address, out var count) && count > 1)
            {
                _socketsPerAddress[address] = count - 1;
            }
            else
            {
                _socketsPerAddress.Remove(address);
            }
        }
    }

    /// <summary>Whether <paramref name="address"/> is blocked for failed logins now.</summary>
    public bool IsBlocked(string address)
    {
        lock (_sync)
        {
            return _failures.TryGetValue(address, out var failures) && failures.BlockedUntil > time.GetUtcNow();
        }
    }

    /// <summary>A login from <paramref name="address"/> failed.</summary>
    public void Failed(string address)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (!_failures.TryGetValue(address, out var failures) || now - failures.Since > Window && failures.BlockedUntil <= now)
            {
                failures = new Failures { Since = now };
                _failures[address] = failures;
            }

            failures.Count++;
            if (failures.BlockedUntil > now)
            {
                failures.Block = failures.Block * 2 > LongestBlock ? LongestBlock : failures.Block * 2;
                failures.BlockedUntil = now + failures.Block;
            }
            else if (failures.Count >= options.FailedLoginsPerAddress)
            {
                failures.Block = Window;
                failures.BlockedUntil = now + Window;
            }

            // Forget addresses long quiet, so the table cannot grow without end.
            if (_failures.Count > 10_000)
            {
                foreach (var stale in _failures.Where(f => f.Value.BlockedUntil < now && now - f.Value.Since > Window).Select(f => f.Key).ToList())
                {
                    _failures.Remove(stale);
                }
            }
        }
    }

    /// <summary>
    /// A client from <paramref name="address"/> logged in as <paramref name="clientId"/> on
    /// <paramref name="connection"/> (its remote end point), taking over any earlier connection of that id.
    /// </summary>
    public void Connected(string clientId, string address, string? connection = null)
    {
        lock (_sync)
        {
            if (_addressOf.Remove(clientId, out var before))
            {
                Decrement(before.Address);
            }

            _addressOf[clientId] = (address, connection);
            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
        }
    }

    /// <summary>
    /// The client <paramref name="clientId"/> left <paramref name="connection"/>. MQTTnet can report an old
    /// connection closed after the same client's new one is up: that late close frees nothing.
    /// </summary>
    public void Disconnected(string clientId, string? connection = null)
    {
        lock (_sync)
        {
            if (_addressOf.TryGetValue(clientId, out var current) && (connection == null || current.Connection == null || current.Connection == connection))
            {
                _addressOf.Remove(clientId);
                Decrement(current.Address);
            }
        }
    }

    // The caps, whether counted over logged-in clients or over open sockets.
    private string? CapRefusal(int total, int fromAddress) =>
        total >= options.MaxConnections ? $"the broker holds its maximum of {options.MaxConnections} connections"
        : fromAddress >= options.MaxConnectionsPerAddress ? $"{options.MaxConnectionsPerAddress} connections from this address already"
        : null;

    /// <summary>The source address of <paramref name="endPoint"/>, as the guard keys it.</summary>
    public static string AddressOf(EndPoint? endPoint) => endPoint is IPEndPoint ip ? ip.Address.ToString() : endPoint?.ToString() ?? "unknown";

    private void Decrement(string address)
    {
        if (_perAddress.TryGetValue(address, out var count) && count > 1)
        {
            _perAddress[address] = count - 1;
        }
        else
        {
            _perAddress.Remove(address);
        }
    }

    private sealed class Failures
    {
        public DateTimeOffset Since { get; set; }

        public int Count { get; set; }

        public TimeSpan Block { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
