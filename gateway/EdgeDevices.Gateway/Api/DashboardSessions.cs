using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The dashboard's login sessions: a random id per login, kept in memory for 12 hours, carried in an HttpOnly,
/// SameSite=Strict cookie. The cookie is never the access token itself, so a leaked cookie ends with its session
/// (logout, expiry or a gateway restart) and cannot be replayed as a bearer token by edgectl or a script.
/// </summary>
public sealed class DashboardSessions(TimeProvider time)
{
    /// <summary>How long a session lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, (HttpAccess.Caller Caller, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new session of <paramref name="caller"/>; returns its id for the cookie.</summary>
    public string Start(HttpAccess.Caller caller)
    {
        foreach (var expired in _sessions.Where(s => s.Value.Until <= time.GetUtcNow()).Select(s => s.Key).ToList())
        {
            _sessions.TryRemove(expired, out _);
        }

        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[id] = (caller, time.GetUtcNow() + Lifetime);
        return id;
    }

    /// <summary>Who the live session <paramref name="id"/> is, or null.</summary>
    public HttpAccess.Caller? Of(string? id) => id != null && _sessions.TryGetValue(id, out var session) && session.Until > time.GetUtcNow() ? session.Caller : null;

    /// <summary>Ends the session <paramref name="id"/>.</summary>
    public void End(string? id)
    {
        if (id != null)
        {
            _sessions.TryRemove(id, out _);
        }
    }
}
