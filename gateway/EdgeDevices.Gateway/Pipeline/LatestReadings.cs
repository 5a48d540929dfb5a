using System.Collections.Concurrent;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>
/// The last stored message of each kind per device, in memory: what an operator asks first ("what is that
/// lamp doing now?") without reading the buffer. Filled after each commit, so it never shows a reading the
/// buffer does not hold; empty after a restart until devices report again.
/// </summary>
public sealed class LatestReadings : IIngestObserver
{
    private readonly ConcurrentDictionary<(string Device, MessageType Type), LatestReading> _latest = new();
    private readonly ConcurrentDictionary<string, long> _lastSeen = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        _latest[(deviceId, message.Type)] = new LatestReading(deviceId, message, receivedAtMs);
        _lastSeen.AddOrUpdate(deviceId, receivedAtMs, (_, seen) => Math.Max(seen, receivedAtMs));
    }

    /// <summary>When the last message of <paramref name="deviceId"/> was stored (Unix milliseconds), if since the start.</summary>
    public long? LastSeen(string deviceId) => _lastSeen.TryGetValue(deviceId, out var at) ? at : null;

    /// <summary>The latest message of <paramref name="type"/> from every device that sent one.</summary>
    public IReadOnlyList<LatestReading> Of(MessageType type) =>
        _latest.Where(p => p.Key.Type == type).Select(p => p.Value).OrderBy(r => r.DeviceId, StringComparer.Ordinal).ToList();

    /// <summary>The latest message of <paramref name="type"/> from <paramref name="deviceId"/>, if any.</summary>
    public LatestReading? Of(string deviceId, MessageType type) => _latest.TryGetValue((deviceId, type), out var reading) ? reading : null;
}

/// <summary>A device's latest message of one kind and when it arrived (Unix milliseconds).</summary>
public sealed record LatestReading(string DeviceId, Message Message, long ReceivedAtMs);
