using System.Collections.Concurrent;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Which devices have subscribed to their command topic: a command is handed over only then. The embedded broker
/// sees the subscription on the device's current connection (devices subscribe on every connect;
/// docs/mqtt-topics.md says so); through an external broker the device's retained "online", published after it
/// subscribes, stands for it (its persistent session keeps the subscription while it is away). A command published while a device is not subscribed (its first connection, before
/// its SUBSCRIBE is processed) is dropped by the broker, and a later one may get through; the device then refuses
/// the dropped one when it is resent, because its counter is below one already taken. Set from MQTTnet's
/// ClientSubscribedTopic event, which is raised once the subscription is stored, so nothing is handed over
/// into the gap. In memory, like the broker's sessions.
/// </summary>
public sealed class CommandListeners
{
    private readonly ConcurrentDictionary<string, byte> _listening = new(StringComparer.Ordinal);

    /// <summary>Devices subscribed now.</summary>
    public int Count => _listening.Count;

    /// <summary>Whether <paramref name="deviceId"/> subscribed to its command topic on its current connection.</summary>
    public bool IsListening(string deviceId) => _listening.ContainsKey(deviceId);

    /// <summary>The device's subscription to its command topic is stored.</summary>
    public void Subscribed(string deviceId) => _listening[deviceId] = 0;

    /// <summary>The device connected again (not yet subscribed on that connection), unsubscribed, or its session was deleted.</summary>
    public void Gone(string deviceId) => _listening.TryRemove(deviceId, out _);
}
