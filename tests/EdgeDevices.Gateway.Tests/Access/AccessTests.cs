using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeDevices.Gateway.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests.Access;

/// <summary>
/// Named accounts with roles, scoped API tokens and the audit log: every endpoint against every role, a change
/// recorded with who, what, when and from where, tokens that cannot exceed their account, logins by name.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class AccessTests
{
    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_policy_says_and_nobody_anonymous()
    {
        await using var gateway = await TestGateway.StartAsync();
        var accounts = gateway.Services.GetRequiredService<AccountStore>();
        var tokens = new Dictionary<string, string>();
        foreach (var role in Role.All)
        {
            accounts.Put("someone-" + role, role, "a long enough password " + role);
            tokens[role] = accounts.Issue("someone-" + role, "matrix", null, 1).Secret;
        }

        var endpoints = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Concrete(e.RoutePattern.RawText!))))
            .Where(e => AccessPolicy.Required(e.Method, e.Path) != null)
            .Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
        Assert.True(endpoints.Count >= 50, $"{endpoints.Count} endpoints found");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}/") };
        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            var required = AccessPolicy.Required(method, path)!.Value;
            using (var anonymous = Request(method, path, null))
            {
                var status = (await http.SendAsync(anonymous)).StatusCode;
                if (status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found))
                {
                    wrong.Add($"{method} {path} anonymous: {(int)status}");
                }
            }

            // Reads first, changes by the least role first: an allowed DELETE then finds nothing, which is fine.
            foreach (var role in Role.All)
            {
                using var request = Request(method, path, tokens[role]);
                var status = (await http.SendAsync(request)).StatusCode;
                var allowed = Role.Grants(role, required);
                if (allowed == (status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
                {
                    wrong.Add($"{method} {path} as {role} ({required}): {(int)status}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_change_is_audited_with_who_what_when_and_where_and_the_log_cannot_be_rewritten()
    {
        await using var gateway = await TestGateway.StartAsync();
        var accounts = gateway.Services.GetRequiredService<AccountStore>();
        accounts.Put("aigerim", Role.Operator, "operator password 1");
        accounts.Put("daniyar", Role.Viewer, "viewer password 1");
        accounts.Put("admin", Role.Administrator, "admin password 12");
        var operatorToken = accounts.Issue("aigerim", "laptop", null, 30).Secret;
        var viewerToken = accounts.Issue("daniyar", "laptop", null, 30).Secret;
        var adminToken = accounts.Issue("admin", "audit", null, 30).Secret;
        using var http = gateway.Http();

        using (var group = Request("PUT", "/api/lighting/groups/avenue", operatorToken, """{ "name": "Abay avenue" }"""))
        {
            Assert.True((await http.SendAsync(group)).IsSuccessStatusCode);
        }

        using (var refused = Request("PUT", "/api/lighting/groups/avenue", viewerToken, """{ "name": "hijacked" }"""))
        {
            var response = await http.SendAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("daniyar", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var entries = gateway.Services.GetRequiredService<AuditLog>().List(null, null, 100);
        var done = Assert.Single(entries, e => e.Principal.StartsWith("aigerim", StringComparison.Ordinal));
        Assert.Equal((Role.Operator, "127.0.0.1", "PUT", "/api/lighting/groups/avenue", 200), (done.Role, done.Source, done.Action, done.Target, done.Outcome));
        Assert.True(DateTimeOffset.UtcNow - done.At < TimeSpan.FromMinutes(5));
        var denied = Assert.Single(entries, e => e.Principal.StartsWith("daniyar", StringComparison.Ordinal));
        Assert.Equal(403, denied.Outcome);

        // Exportable, to administrators only.
        using (var csv = Request("GET", "/api/audit?format=csv", adminToken))
        {
            var text = await (await http.SendAsync(csv)).Content.ReadAsStringAsync();
            Assert.StartsWith("seq,at,principal,role,source,action,target,outcome", text, StringComparison.Ordinal);
            Assert.Contains("/api/lighting/groups/avenue", text, StringComparison.Ordinal);
        }

        using (var notAdmin = Request("GET", "/api/audit", operatorToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(notAdmin)).StatusCode);
        }

        // Append-only, even to the gateway's own connection.
        using var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open();
        using var rewrite = connection.CreateCommand();
        rewrite.CommandText = "UPDATE audit_log SET principal = 'nobody'";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => rewrite.ExecuteNonQuery());
        rewrite.CommandText = "DELETE FROM audit_log";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => rewrite.ExecuteNonQuery());
    }

    [Fact]
    public async Task Tokens_never_exceed_their_account_and_end_with_it_and_people_log_in_by_name()
    {
        await using var gateway = await TestGateway.StartAsync();
        var accounts = gateway.Services.GetRequiredService<AccountStore>();
        accounts.Put("tech-1", Role.Technician, "technician password");
        Assert.Throws<ArgumentException>(() => accounts.Issue("tech-1", "too much", Role.Administrator, 30));
        var scoped = accounts.Issue("tech-1", "read only", Role.Viewer, 30).Secret;
        var full = accounts.Issue("tech-1", "edgectl", null, 30).Secret;
        using var http = gateway.Http();
        using (var read = Request("PUT", "/api/devices/sl-0950", scoped, """{ "password": "device-password-1" }"""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(read)).StatusCode);
        }

        using (var provision = Request("PUT", "/api/devices/sl-0950", full, """{ "password": "device-password-1" }"""))
        {
            Assert.True((await http.SendAsync(provision)).IsSuccessStatusCode);
        }

        // The account lowered to viewer: its technician token goes; removed: all go.
        accounts.Put("tech-1", Role.Viewer, "technician password");
        Assert.Null(accounts.FindToken(full));
        Assert.NotNull(accounts.FindToken(scoped));
        accounts.Remove("tech-1");
        Assert.Null(accounts.FindToken(scoped));

        // A person logs in to the dashboard by name; a wrong password does not.
        accounts.Put("operator-1", Role.Operator, "operator password 1");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}/") };
        var wrong = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "operator-1", ["password"] = "not the password" }));
        Assert.EndsWith("failed=1", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        var right = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "operator-1", ["password"] = "operator password 1" }));
        Assert.Equal("/", right.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/alarms")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.DeleteAsync("api/devices/sl-0950")).StatusCode);
    }

    [Fact]
    public async Task Accounts_and_tokens_made_on_the_gateways_shell_work_and_shell_changes_are_audited()
    {
        await using var gateway = await TestGateway.StartAsync();
        var environment = new Dictionary<string, string> { ["STATE_DIRECTORY"] = gateway.StateDirectory };
        var file = Path.Combine(gateway.StateDirectory, "..", Path.GetFileName(gateway.StateDirectory) + ".account");
        File.WriteAllText(file, "an operators password\n");
        using (var add = GatewayProcess.Start(["accounts", "add", "saule", "--role", "operator", "--password-file", file], environment))
        {
            Assert.True(add.WaitForExit() == 0, add.Output);
        }

        string secret;
        using (var issue = GatewayProcess.Start(["accounts", "token", "saule", "--label", "edgectl"], environment))
        {
            Assert.True(issue.WaitForExit() == 0, issue.Output);
            secret = issue.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First(l => l.StartsWith("edt_", StringComparison.Ordinal));
        }

        using var http = gateway.Http();
        using (var request = Request("GET", "/api/alarms", secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/alarms"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(anonymous)).StatusCode);
        }

        var entries = gateway.Services.GetRequiredService<AuditLog>().List(null, null, 100);
        Assert.Contains(entries, e => e.Principal.StartsWith("shell:", StringComparison.Ordinal) && e.Target == "/api/accounts/saule");
    }

    private static HttpRequestMessage Request(string method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(json ?? "{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    // A route with sample values for its parameters.
    private static string Concrete(string route) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(route.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            // Ids nothing has (an allowed DELETE /api/tokens/… must not revoke the tokens of this test).
            "id" when m.Groups[2].Value.Length > 0 => "999999",
            "deviceId" => "sl-matrix",
            "target" => "device:sl-matrix",
            "sink" => "mqtt",
            "name" => "nobody-here",
            _ => "x",
        });
}
