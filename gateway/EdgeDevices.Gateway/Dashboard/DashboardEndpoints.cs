using System.Reflection;
using EdgeDevices.Gateway.Api;

namespace EdgeDevices.Gateway.Dashboard;

/// <summary>
/// The operators' dashboard: one page (plain HTML, CSS and JavaScript embedded in the gateway, no build step
/// and nothing fetched from the internet, as a Pi in a cabinet may have none) that reads the REST API.
/// With an access token configured, a login page starts a session whose cookie the API accepts; the origin
/// check of <see cref="HttpHardening"/> is what keeps another site from posting with it (besides SameSite).
/// </summary>
public static class DashboardEndpoints
{
    private static readonly Assembly Assembly = typeof(DashboardEndpoints).Assembly;

    /// <summary>Maps /, /assets/* and /login.</summary>
    public static void Map(WebApplication app, string? accessToken)
    {
        app.MapGet("/", () => File("index.html")).ExcludeFromDescription();
        app.MapGet("/assets/{name}", (string name) => File(name)).ExcludeFromDescription();
        app.MapGet("/login", () => File("login.html")).ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext context) =>
        {
            var accounts = context.RequestServices.GetRequiredService<Access.AccountStore>();
            if (accessToken == null && !accounts.Any())
            {
                return Results.Redirect("/");
            }

            // An account's name and password, or a token (the configuration's, or an account's API token).
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var name = form["name"].ToString().Trim();
            HttpAccess.Caller? caller = name.Length > 0
                ? accounts.Verify(name, form["password"].ToString()) is { } account ? new HttpAccess.Caller(account.Name, account.Role) : null
                : HttpAccess.FromSecret(form["token"].ToString(), accessToken, accounts);
            if (caller == null)
            {
                return Results.Redirect("/login?failed=1");
            }

            context.Response.Cookies.Append(HttpAccess.Cookie, context.RequestServices.GetRequiredService<DashboardSessions>().Start(caller), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                MaxAge = DashboardSessions.Lifetime,
            });
            return Results.Redirect("/");
        }).ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(HttpHardening.LoginPolicy);
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.RequestServices.GetRequiredService<DashboardSessions>().End(context.Request.Cookies[HttpAccess.Cookie]);
            context.Response.Cookies.Delete(HttpAccess.Cookie);
            return Results.Redirect("/login");
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    private static IResult File(string name)
    {
        var stream = Assembly.GetManifestResourceStream("dashboard/" + name);
        if (stream == null)
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
