namespace EdgeDevices.Gateway.Configuration;

public sealed class HttpOptions
{
    /// <summary>Where /healthz and /metrics listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The secret the REST API and the dashboard ask for (a bearer token, or the dashboard's login);
    /// required as soon as <see cref="Urls"/> listens beyond loopback. Null: no login on loopback.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Host names (or addresses) the gateway answers to beyond loopback, e.g. its name on the depot network;
    /// any when not set (the access token guards it then). On loopback only localhost, 127.0.0.1 and [::1].
    /// </summary>
    public IList<string>? AllowedHosts { get; set; }
}
