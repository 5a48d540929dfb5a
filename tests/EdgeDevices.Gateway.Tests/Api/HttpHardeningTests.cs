using System.Net;
using System.Net.Http.Json;

namespace EdgeDevices.Gateway.Tests.Api;

/// <summary>
/// Attacks from a browser on the operator's machine: DNS rebinding against the loopback API, a cross-site form
/// or fetch, framing; and against the dashboard's login: a stolen cookie replayed as a token, guessing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HttpHardeningTests
{
    [Fact]
    public async Task A_request_for_another_host_name_is_refused_on_loopback_so_dns_rebinding_registers_nothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = gateway.Http();
        using var rebound = new HttpRequestMessage(HttpMethod.Put, "api/devices/sl-0801") { Content = JsonContent.Create(new { password = "rebinding-pw-1" }) };
        rebound.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
        Assert.DoesNotContain("sl-0801", gateway.Registry.List());

        using var read = new HttpRequestMessage(HttpMethod.Get, "api/devices") { Headers = { Host = "evil.example:8080" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(read)).StatusCode);

        // Its own names still work.
        foreach (var host in new[] { "localhost", "127.0.0.1" })
        {
            using var own = new HttpRequestMessage(HttpMethod.Get, "api/devices") { Headers = { Host = $"{host}:{gateway.HttpPort}" } };
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
        }
    }

    [Fact]
    public async Task A_change_posted_from_another_sites_page_is_refused_and_every_response_forbids_framing()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = gateway.Http();
        using var crossSite = new HttpRequestMessage(HttpMethod.Put, "api/devices/sl-0802") { Content = JsonContent.Create(new { password = "cross-site-pw-1" }) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        var refused = await http.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Origin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var fetchMetadata = new HttpRequestMessage(HttpMethod.Delete, "api/devices/sl-0802");
        fetchMetadata.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(fetchMetadata)).StatusCode);
        Assert.DoesNotContain("sl-0802", gateway.Registry.List());

        // The dashboard's own page, and a script (no Origin), may.
        using var own = new HttpRequestMessage(HttpMethod.Put, "api/devices/sl-0802") { Content = JsonContent.Create(new { password = "own-page-pw-1" }) };
        own.Headers.Add("Origin", $"http://127.0.0.1:{gateway.HttpPort}");
        Assert.True((await http.SendAsync(own)).IsSuccessStatusCode);
        Assert.True((await http.PutAsJsonAsync("api/devices/sl-0803", new { password = "script-pw-1" })).IsSuccessStatusCode);

        foreach (var path in new[] { "/", "api/devices", "healthz" })
        {
            var response = await http.GetAsync(path);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task The_dashboards_session_cookie_is_not_the_token_ends_at_logout_and_guessing_is_rate_limited()
    {
        const string token = "the-gateways-access-token-1";
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["http:accessToken"] = token });
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}/") };

        var login = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var session = cookies.GetCookies(browser.BaseAddress!)["edgedevices_session"]!.Value;
        Assert.NotEqual(token, session);
        Assert.DoesNotContain(token, setCookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/devices")).StatusCode);

        // The session id is no bearer token, and the token is no session cookie.
        using (var asBearer = new HttpRequestMessage(HttpMethod.Get, "api/devices") { Headers = { { "Authorization", "Bearer " + session } } })
        using (var plain = gateway.Http())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await plain.SendAsync(asBearer)).StatusCode);
            using var tokenAsCookie = new HttpRequestMessage(HttpMethod.Get, "api/devices") { Headers = { { "Cookie", "edgedevices_session=" + token } } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await plain.SendAsync(tokenAsCookie)).StatusCode);
        }

        // Logged out: the old cookie opens nothing, even replayed.
        await browser.PostAsync("logout", null);
        using (var replay = new HttpClient { BaseAddress = browser.BaseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/devices") { Headers = { { "Cookie", "edgedevices_session=" + session } } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await replay.SendAsync(request)).StatusCode);
        }

        // Guessing: five wrong tries a minute from one address, then 429.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "guess-" + i }))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
