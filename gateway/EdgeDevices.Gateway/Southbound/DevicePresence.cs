using System.Collections.Concurrent;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>Which devices are connected now, and since when (for /healthz and the metrics).</summary>
public sealed class DevicePresence
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _online = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _connections = new(StringComparer.Ordinal);

    /// <summary>Devices connected now.</summary>
    public int Count => _online.Count;

    /// <summary>Whether a device is connected.</summary>
    public bool IsOnline(string deviceId) => _online.ContainsKey(deviceId);

    /// <summary>A device came online (over <paramref name="connection"/>, its remote end point, when known).</summary>
    public void Online(string deviceId, DateTimeOffset at, string? connection = null)
    {
        _online[deviceId] = at;
        if (connection != null)
        {
            _connections[deviceId] = connection;
        }
    }

    /// <summary>
    /// A device's <paramref name="connection"/> went away. MQTTnet can report an old connection closed after the
    /// device's new one is up (a reconnect racing the old connection's clean-up): then the device stays online.
    /// </summary>
    public void Offline(string deviceId, string? connection = null)
    {
        if (connection != null && _connections.TryGetValue(deviceId, out var current) && current != connection)
        {
            return;
        }

        _connections.TryRemove(deviceId, out _);
        _online.TryRemove(deviceId, out _);
    }
}
