using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Gateway.Tests;

/// <summary>A local NGSI-LD context broker stand-in: records every batch upsert, and can be told to fail.</summary>
public sealed class HttpRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Tenant, JsonArray Entities)> _requests = new();

    private HttpRecorder(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Answer 503 while set (a context broker outage).</summary>
    public bool Failing { get; set; }

    /// <summary>Entities received, in order.</summary>
    public IReadOnlyList<JsonObject> Entities => [.. _requests.SelectMany(r => r.Entities.Select(e => e!.AsObject()))];

    public IReadOnlyList<(string Tenant, JsonArray Entities)> Requests => [.. _requests];

    public static async Task<HttpRecorder> StartAsync()
    {
        var port = TestGateway.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new HttpRecorder(app, port);
        app.MapPost("/ngsi-ld/v1/entityOperations/upsert", async (HttpContext context) =>
        {
            if (recorder.Failing)
            {
                return Results.StatusCode(503);
            }

            if (context.Request.ContentType?.StartsWith("application/ld+json", StringComparison.Ordinal) != true)
            {
                return Results.StatusCode(415);
            }

            var body = await JsonNode.ParseAsync(context.Request.Body);
            recorder._requests.Enqueue((context.Request.Headers["NGSILD-Tenant"].ToString(), body!.AsArray()));
            return Results.StatusCode(201);
        });
        await app.StartAsync();
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
