using System.Collections.Concurrent;

namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// Conditions an operator must act on that do not stop the gateway (ChirpStack publishing at QoS 0, say):
/// each is raised once, logged once as a warning, and listed on /healthz and the dashboard (by its code, which
/// the dashboard translates) until it is cleared.
/// </summary>
public sealed class GatewayWarnings(TimeProvider time, ILogger<GatewayWarnings> log)
{
    private readonly ConcurrentDictionary<string, GatewayWarning> _active = new(StringComparer.Ordinal);

    /// <summary>The warnings now in force, oldest first.</summary>
    public IReadOnlyList<GatewayWarning> Active => [.. _active.Values.OrderBy(w => w.Since)];

    /// <summary>Raises <paramref name="code"/>; only the first raise logs.</summary>
    public void Raise(string code, string message)
    {
        if (_active.TryAdd(code, new GatewayWarning(code, message, time.GetUtcNow())))
        {
            log.LogWarning("{Message}", message);
        }
    }

    /// <summary>Clears <paramref name="code"/>.</summary>
    public void Clear(string code) => _active.TryRemove(code, out _);
}

/// <summary>A warning in force: its code, what to do, since when.</summary>
public sealed record GatewayWarning(string Code, string Message, DateTimeOffset Since);
