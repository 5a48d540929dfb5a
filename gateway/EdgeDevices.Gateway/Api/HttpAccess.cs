using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// Who may use the REST API and the dashboard. On loopback only (the default) nobody is asked. Listening on
/// the network, the configuration must hold an access token, and every /api and dashboard request must carry
/// it as a bearer token (edgectl, scripts), or the cookie of a session the dashboard's login started with it
/// (<see cref="DashboardSessions"/>: never the token itself).
/// /healthz and /metrics stay open for monitoring.
/// </summary>
public static class HttpAccess
{
    /// <summary>The dashboard's session cookie.</summary>
    public const string Cookie = "edgedevices_session";

    /// <summary>Whether any of <paramref name="urls"/> (';'-separated) listens on more than loopback.</summary>
    public static bool ListensBeyondLoopback(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries).Any(url =>
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                return false;
            }

            return uri.Host != "localhost" && !(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        });

    /// <summary>Asks for the token on the API, the OpenAPI document and the dashboard when one is configured.</summary>
    public static void Use(WebApplication app, string? token)
    {
        if (token == null)
        {
            return;
        }

        var expected = Encoding.UTF8.GetBytes(token);
        var sessions = app.Services.GetRequiredService<DashboardSessions>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var open = path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/login") || path.StartsWithSegments("/assets");
            if (open || Presented(context.Request, expected) || sessions.IsLive(context.Request.Cookies[Cookie]))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { error = "an access token is required: 'Authorization: Bearer <http.accessToken>'" }).ConfigureAwait(false);
                return;
            }

            context.Response.Redirect("/login");
        });
    }

    /// <summary>Whether <paramref name="candidate"/> is the token (in constant time).</summary>
    public static bool Matches(string? candidate, string token) =>
        candidate != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(token));

    private static bool Presented(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), expected);
    }
}
