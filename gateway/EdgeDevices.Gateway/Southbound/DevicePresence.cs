using System.Collections.Concurrent;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>Which devices are connected now, and since when (for /healthz and the metrics).</summary>
public sealed class DevicePresence
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _online = new(StringComparer.Ordinal);

    /// <summary>Devices connected now.</summary>
    public int Count => _online.Count;

    /// <summary>Whether a device is connected.</summary>
    public bool IsOnline(string deviceId) => _online.ContainsKey(deviceId);

    /// <summary>A device came online.</summary>
    public void Online(string deviceId, DateTimeOffset at) => _online[deviceId] = at;

    /// <summary>A device went away.</summary>
    public void Offline(string deviceId) => _online.TryRemove(deviceId, out _);
}
