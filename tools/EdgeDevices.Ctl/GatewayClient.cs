using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EdgeDevices.Ctl;

/// <summary>The gateway's REST API as edgectl uses it; every failure becomes a <see cref="CtlException"/> saying what to do.</summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(string baseUrl, string? token, HttpMessageHandler? handler = null)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        _http = handler == null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(BaseUrl + "/");
        _http.Timeout = TimeSpan.FromSeconds(30);
        if (token != null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The gateway's address.</summary>
    public string BaseUrl { get; }

    public Task<JsonNode> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    /// <summary>A GET that answers null when the gateway has no such thing (404).</summary>
    public async Task<JsonNode?> FindAsync(string path)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null).ConfigureAwait(false);
        }
        catch (CtlException ex) when (ex.ExitCode == 5)
        {
            return null;
        }
    }

    /// <summary>/healthz, which answers 503 with its body when the gateway is failing.</summary>
    public async Task<(JsonNode Body, bool Healthy)> HealthAsync()
    {
        try
        {
            using var response = await _http.GetAsync("healthz").ConfigureAwait(false);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!;
            return (body, response.IsSuccessStatusCode);
        }
        catch (HttpRequestException ex)
        {
            throw new CtlException($"cannot reach the gateway at {BaseUrl}: {ex.Message}",
                "check the address (--gateway or EDGECTL_GATEWAY) and that the service runs: systemctl status edgedevices-gateway", 3);
        }
    }

    public Task<JsonNode> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<JsonNode> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<JsonNode> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A GET whose answer is text (an export).</summary>
    public async Task<string> GetTextAsync(string path)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body)
    {
        using var response = await SendRawAsync(method, path, body).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body != null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CtlException($"cannot reach the gateway at {BaseUrl}: {ex.Message}",
                "check the address (--gateway or EDGECTL_GATEWAY) and that the service runs: systemctl status edgedevices-gateway", 3);
        }
        catch (TaskCanceledException)
        {
            throw new CtlException($"the gateway at {BaseUrl} did not answer within 30 s", "check its load and its log: journalctl -u edgedevices-gateway", 3);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var detail = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        response.Dispose();
        string? error = null;
        try
        {
            var json = JsonNode.Parse(detail);
            error = json?["error"]?.GetValue<string>() is { } message
                ? (json["field"]?.GetValue<string>() is { } field ? $"{field}: {message}" : message)
                : json?["errors"] is JsonObject errors ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value!.AsArray().Select(m => m!.GetValue<string>()))}")) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CtlException("the gateway wants to know who you are", "pass --token or set EDGECTL_TOKEN to an API token of your account (an administrator issues one: edgedevices-gateway accounts token NAME) or the gateway's http.accessToken", 4),
            HttpStatusCode.Forbidden => new CtlException(error ?? "the gateway refused: your token's role may not do this", "ask an administrator for a token whose role may (edgedevices-gateway accounts token NAME --role …)", 4),
            HttpStatusCode.NotFound => new CtlException(error ?? $"{path}: not found on the gateway", "check the id: edgectl devices lists what the gateway knows", 5),
            HttpStatusCode.BadRequest => new CtlException(error ?? $"the gateway refused the request: {detail}", "correct the value named above and run the command again", 2),
            HttpStatusCode.Conflict => new CtlException(error ?? $"the gateway refused the request now: {detail}", "see what is under way (edgectl rollout status) and try again once it is over", 6),
            _ => new CtlException($"the gateway answered {(int)response.StatusCode}: {error ?? detail}", "see the gateway's log: journalctl -u edgedevices-gateway", 1),
        };
    }
}
