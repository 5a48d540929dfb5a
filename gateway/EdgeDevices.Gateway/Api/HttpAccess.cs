using System.Net;
using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Gateway.Access;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// Who is asking, whether they may, and the record of what they changed. A request is someone when it carries
/// a bearer token — the configuration's <c>http.accessToken</c> (an administrator) or an API token of an account
/// (<see cref="AccountStore"/>, with the token's role) — or the cookie of a dashboard session (the account that
/// logged in). With neither an access token nor any account configured, the gateway is a loopback-only one
/// (the configuration check refuses anything else) and the caller is the local administrator. What each
/// endpoint asks for is <see cref="AccessPolicy"/>; /healthz, /metrics and the login page stay open. Every
/// state-changing request, allowed or not, is appended to the <see cref="AuditLog"/> once answered.
/// </summary>
public static class HttpAccess
{
    /// <summary>The dashboard's session cookie.</summary>
    public const string Cookie = "edgedevices_session";

    /// <summary>Who made a request: a name and the role it acts in.</summary>
    public sealed record Caller(string Name, string Role);

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

    /// <summary>Identifies, checks and audits every request.</summary>
    public static void Use(WebApplication app, string? token)
    {
        var accounts = app.Services.GetRequiredService<AccountStore>();
        var sessions = app.Services.GetRequiredService<DashboardSessions>();
        var audit = app.Services.GetRequiredService<AuditLog>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var required = AccessPolicy.Required(request.Method, request.Path);
            var caller = Identify(request, token, accounts, sessions);
            if (caller == null && token == null && !accounts.Any())
            {
                caller = new Caller("local", Role.Administrator);
            }

            if (required != null && caller == null)
            {
                if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await context.Response.WriteAsJsonAsync(new { error = "an access token is required: 'Authorization: Bearer <token>' with an API token of your account, or http.accessToken" }).ConfigureAwait(false);
                }
                else
                {
                    context.Response.Redirect("/login");
                }

                Record(context, audit, new Caller("anonymous", "-"));
                return;
            }

            if (required is { } permission && !Role.Grants(caller!.Role, permission))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = $"{caller.Name} ({caller.Role}) may not {permission.ToString().ToLowerInvariant()}: ask an administrator for a role that may" }).ConfigureAwait(false);
                Record(context, audit, caller);
                return;
            }

            context.Items[typeof(Caller)] = caller;
            await next(context).ConfigureAwait(false);
            Record(context, audit, caller ?? new Caller("anonymous", "-"));
        });
    }

    /// <summary>Whether <paramref name="candidate"/> is the token (in constant time).</summary>
    public static bool Matches(string? candidate, string token) =>
        candidate != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(token));

    /// <summary>Who a bearer secret is: the configuration's token (an administrator) or an account's API token; null when neither.</summary>
    public static Caller? FromSecret(string secret, string? token, AccountStore accounts)
    {
        if (token != null && Matches(secret, token))
        {
            return new Caller("http.accessToken", Role.Administrator);
        }

        return accounts.FindToken(secret) is { } found ? new Caller($"{found.Account} (token {found.Id} {found.Label})", found.Role) : null;
    }

    private static Caller? Identify(HttpRequest request, string? token, AccountStore accounts, DashboardSessions sessions)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return FromSecret(header["Bearer ".Length..].Trim(), token, accounts);
        }

        return sessions.Of(request.Cookies[Cookie]);
    }

    // Changes only (and not the login form itself, whose password must never reach a log).
    private static void Record(HttpContext context, AuditLog audit, Caller caller)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return;
        }

        audit.Append(
            caller.Name,
            caller.Role,
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            request.Method,
            request.Path.Value + (request.Path.StartsWithSegments("/login") ? string.Empty : request.QueryString.Value),
            context.Response.StatusCode);
    }
}
