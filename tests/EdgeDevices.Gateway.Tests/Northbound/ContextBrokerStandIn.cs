using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Tests.References;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>
/// A local NGSI-LD context broker for the sink: it takes batch upserts as ETSI GS CIM 009 V1.8.1 defines them
/// and checks every request against ETSI's own OpenAPI document (vendored), keeping what it finds wrong. It
/// can be told to fail (503), to refuse some entities for good (a 207 with BadRequestData), to fail some once
/// for a passing reason (a 207 with InternalError), or to refuse a whole request (400); its 207 answers are
/// BatchOperationResults as the same document shapes them.
/// </summary>
public sealed class ContextBrokerStandIn : IAsyncDisposable
{
    /// <summary>The ETSI OpenAPI document.</summary>
    public static OpenApiSchemas Etsi => OpenApiSchemas.Of("etsi-ngsi-ld/ngsi-ld-api.yaml");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Tenant, string ContentType, JsonArray Entities)> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<JsonObject> _answers = new();
    private readonly ConcurrentDictionary<string, int> _passingFailures = new(StringComparer.Ordinal);

    private ContextBrokerStandIn(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Answer 503 to everything while set (a broker outage).</summary>
    public bool Failing { get; set; }

    /// <summary>An entity this returns a reason for is refused for good (BadRequestData in a 207).</summary>
    public Func<JsonObject, string?> RefuseForGood { get; set; } = _ => null;

    /// <summary>A request holding an entity this is true of is refused whole with a 400.</summary>
    public Func<JsonObject, bool> RefuseRequestWith { get; set; } = _ => false;

    /// <summary>Entities taken (created or updated), in order.</summary>
    public IReadOnlyList<JsonObject> Entities => [.. _taken];

    /// <summary>Whether it offers the temporal API (POST /temporal/entities/{id}/attrs).</summary>
    public bool SupportsTemporal { get; set; } = true;

    /// <summary>Attribute instances added to entities' histories through the temporal API, in order.</summary>
    public IReadOnlyList<(string EntityId, JsonObject Fragment)> HistoryAppends => [.. _history];

    /// <summary>Each entity's current state: upserts (options=update) merged attribute by attribute.</summary>
    public JsonObject? Current(string entityId) => _current.TryGetValue(entityId, out var entity) ? entity.DeepClone().AsObject() : null;

    /// <summary>The sizes of the requests answered with a 400 for the whole request.</summary>
    public IReadOnlyList<int> RefusedRequestSizes => [.. _refusedSizes];

    private readonly ConcurrentQueue<JsonObject> _taken = new();
    private readonly ConcurrentQueue<(string, JsonObject)> _history = new();
    private readonly ConcurrentDictionary<string, JsonObject> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _refusedSizes = new();

    /// <summary>Every request as it arrived.</summary>
    public IReadOnlyList<(string Tenant, string ContentType, JsonArray Entities)> Requests => [.. _requests];

    /// <summary>What ETSI's OpenAPI document finds wrong with the requests received.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>The 207 bodies sent.</summary>
    public IReadOnlyList<JsonObject> MultiStatusAnswers => [.. _answers];

    /// <summary>Make the next <paramref name="times"/> upserts of <paramref name="entityId"/> fail for a passing reason.</summary>
    public void FailFor(string entityId, int times = 1) => _passingFailures[entityId] = times;

    public static async Task<ContextBrokerStandIn> StartAsync()
    {
        var port = TestGateway.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var broker = new ContextBrokerStandIn(app, port);
        app.MapPost("/ngsi-ld/v1/entityOperations/upsert", (Func<HttpContext, Task<IResult>>)broker.UpsertAsync);
        app.MapPost("/ngsi-ld/v1/temporal/entities/{entityId}/attrs", (Func<HttpContext, string, Task<IResult>>)broker.AppendHistoryAsync);
        app.MapGet("/ngsi-ld/v1/entities/{entityId}", (string entityId) =>
            broker._current.TryGetValue(entityId, out var entity)
                ? Results.Json(entity)
                : Results.Json(Problem("ResourceNotFound", "Resource Not Found", 404, $"no entity {entityId}"), statusCode: 404));
        await app.StartAsync();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> UpsertAsync(HttpContext context)
    {
        if (Failing)
        {
            return Results.StatusCode(503);
        }

        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/ld+json", StringComparison.Ordinal))
        {
            return Results.StatusCode(415);
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsArray();
        _requests.Enqueue((context.Request.Headers["NGSILD-Tenant"].ToString(), contentType, body));
        Check(body);
        var entities = body.Select(e => e!.AsObject()).ToList();
        if (entities.Any(RefuseRequestWith))
        {
            _refusedSizes.Enqueue(entities.Count);
            return Results.Json(Problem("BadRequestData", "Bad Request Data", 400, "the request holds an entity this broker cannot take"), statusCode: 400);
        }

        var success = new JsonArray();
        var errors = new JsonArray();
        foreach (var entity in entities)
        {
            var id = (string)entity["id"]!;
            if (RefuseForGood(entity) is { } reason)
            {
                errors.Add(new JsonObject { ["entityId"] = id, ["error"] = Problem("BadRequestData", "Bad Request Data", 400, reason) });
            }
            else if (_passingFailures.TryGetValue(id, out var left) && left > 0)
            {
                _passingFailures[id] = left - 1;
                errors.Add(new JsonObject { ["entityId"] = id, ["error"] = Problem("InternalError", "Internal Error", 500, "the temporal store is busy") });
            }
            else
            {
                success.Add(id);
                _taken.Enqueue(entity);
                var current = _current.GetOrAdd(id, _ => new JsonObject());
                lock (current)
                {
                    foreach (var (name, value) in entity)
                    {
                        current[name] = value?.DeepClone();
                    }
                }
            }
        }

        if (errors.Count == 0)
        {
            return Results.StatusCode(204);
        }

        var answer = new JsonObject { ["success"] = success, ["errors"] = errors };
        _answers.Enqueue(answer);
        return Results.Json(answer, statusCode: 207);
    }

    private async Task<IResult> AppendHistoryAsync(HttpContext context, string entityId)
    {
        if (!SupportsTemporal)
        {
            return Results.StatusCode(404);
        }

        var fragment = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        foreach (var error in Etsi.Errors("/components/schemas/LdContext", fragment["@context"]))
        {
            _violations.Enqueue($"{entityId} history @context {error}");
        }

        var attributes = fragment.DeepClone().AsObject();
        attributes.Remove("@context");
        foreach (var error in Etsi.Errors("/components/schemas/EntityTemporal", attributes))
        {
            _violations.Enqueue($"{entityId} history {error}");
        }

        if (!_current.TryGetValue(entityId, out var current))
        {
            return Results.Json(Problem("ResourceNotFound", "Resource Not Found", 404, $"no entity {entityId}"), statusCode: 404);
        }

        // The instances as the entity they would make, for the same refusals as an upsert.
        var asEntity = new JsonObject { ["id"] = entityId, ["type"] = current["type"]?.DeepClone() };
        foreach (var (name, instances) in attributes)
        {
            asEntity[name] = instances is JsonArray { Count: > 0 } list ? list[0]!.DeepClone() : instances?.DeepClone();
        }

        if (RefuseForGood(asEntity) is { } reason)
        {
            return Results.Json(Problem("BadRequestData", "Bad Request Data", 400, reason), statusCode: 400);
        }

        _history.Enqueue((entityId, fragment));
        return Results.StatusCode(204);
    }

    // The request against ETSI's document: the application/json+ld body of upsertBatch. Its items are an
    // allOf of {@context: LdContext}, Entity and the required members; Entity's additionalProperties would
    // also judge "@context" (which it does not list) as an attribute, so each entity is checked without it
    // and its @context against LdContext.
    private void Check(JsonArray body)
    {
        foreach (var item in body)
        {
            var entity = item!.AsObject();
            if (entity["id"] == null || entity["type"] == null || entity["@context"] == null)
            {
                _violations.Enqueue($"an entity without id, type or @context: {entity.ToJsonString()}");
            }

            foreach (var error in Etsi.Errors("/components/schemas/LdContext", entity["@context"]))
            {
                _violations.Enqueue($"{entity["id"]} @context {error}");
            }

            var attributes = entity.DeepClone().AsObject();
            attributes.Remove("@context");
            foreach (var error in Etsi.Errors("/components/schemas/Entity", attributes))
            {
                _violations.Enqueue($"{entity["id"]} {error}");
            }
        }
    }

    private static JsonObject Problem(string type, string title, int status, string detail) => new()
    {
        ["type"] = "https://uri.etsi.org/ngsi-ld/errors/" + type,
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
    };
}
