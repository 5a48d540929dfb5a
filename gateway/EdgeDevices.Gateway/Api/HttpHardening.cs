using System.Net;
using System.Threading.RateLimiting;
using EdgeDevices.Gateway.Configuration;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.RateLimiting;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// What every HTTP request and response gets, in whatever access mode:
/// <list type="bullet">
/// <item>A Host allow-list (ASP.NET Core's host filtering). On loopback only <c>localhost</c>, <c>127.0.0.1</c> and
/// <c>[::1]</c>: a web page whose name is re-pointed at 127.0.0.1 (DNS rebinding) cannot use the API that asks
/// no token there. Beyond loopback the names in <c>http.allowedHosts</c> (any, when not set: the token guards it).</item>
/// <item>An Origin check: a state-changing request (POST, PUT, PATCH, DELETE) that carries an Origin — browsers
/// always send one — must come from the gateway's own origin. edgectl and scripts send none.</item>
/// <item>Headers: a Content-Security-Policy of the gateway's own files only and no framing, no MIME sniffing,
/// no referrer beyond the gateway itself.</item>
/// <item>The dashboard's login is rate-limited per client address (<see cref="LoginPolicy"/>).</item>
/// </list>
/// </summary>
public static class HttpHardening
{
    /// <summary>The rate-limit policy of POST /login: 5 attempts a minute per client address.</summary>
    public const string LoginPolicy = "login";

    /// <summary>The policy every response carries.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The hosts the gateway answers to with <paramref name="http"/>.</summary>
    public static IReadOnlyList<string> AllowedHosts(HttpOptions http) =>
        http.AllowedHosts is { Count: > 0 } listed ? [.. listed, .. LoopbackHosts]
        : HttpAccess.ListensBeyondLoopback(http.Urls) ? ["*"]
        : LoopbackHosts;

    /// <summary>Registers host filtering and the login rate limit.</summary>
    public static void AddServices(IServiceCollection services, HttpOptions http)
    {
        services.AddHostFiltering(filtering =>
        {
            filtering.AllowedHosts = [.. AllowedHosts(http)];
            filtering.IncludeFailureMessage = false;
        });
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    /// <summary>Puts the checks in front of everything else.</summary>
    public static void Use(WebApplication app)
    {
        app.UseHostFiltering();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with its own forms.
            headers["Referrer-Policy"] = "same-origin";
            if (ChangesState(context.Request.Method) && !SameOrigin(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = "a change must come from the gateway's own pages (the request's Origin is another site's)" }).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseRateLimiter();
    }

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            // Not a browser's cross-site request (a browser always says where a POST comes from); the fetch
            // metadata header is the other witness some clients send without an Origin.
            return !string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
