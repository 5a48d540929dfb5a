using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>
/// Sends readings to an NGSI-LD context broker as batch upserts (ETSI GS CIM 009 §5.6.8, <c>POST
/// /ngsi-ld/v1/entityOperations/upsert?options=update</c>, <c>application/ld+json</c> with each entity's
/// @context) of Smart Data Models entities (<see cref="SmartDataModelEntities"/>). One request never carries
/// the same entity twice, so every reading arrives as its own update, in order. 201 and 204 deliver the
/// request. A 207 delivers what it lists as a success; an entity it refuses for good is handed back with the
/// broker's reason (the runner keeps it for the operator); one that failed for a passing reason makes the
/// delivery fail, and when the batch comes again only what was not yet delivered is sent, so a temporal
/// store records no reading twice. A 400 or 413 for a whole request is split until the entity at fault is
/// found. Anything else (401, 404, 5xx, no answer) fails the delivery, to be tried again.
/// </summary>
public sealed class NgsiLdSink(NgsiLdSinkOptions options, HttpClient http, ILogger<NgsiLdSink>? log = null) : ISink
{
    private readonly Uri _upsert = new(new Uri(options.Url.TrimEnd('/') + "/"), "ngsi-ld/v1/entityOperations/upsert?options=update");
    private readonly SmartDataModelEntities _entities = new(options.Contexts);

    // The readings of a batch already settled when a later part of it failed, each delivered (null) or refused
    // for good (its rejection): not sent again when the batch comes back, and the refusals still reported.
    private readonly Dictionary<long, SinkRejection?> _settled = [];

    public string Name => "ngsi-ld";

    public int BatchSize => options.BatchSize;

    public bool DescribesDevices => true;

    public async Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        var request = new List<(StoredReading Reading, JsonObject Entity)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            if (_settled.ContainsKey(reading.Id))
            {
                continue;
            }

            var mapped = _entities.Map(reading);
            if (mapped.Refusal != null)
            {
                _settled[reading.Id] = new SinkRejection(reading.Id, mapped.Refusal);
                continue;
            }

            if (mapped.Entity is not { } entity)
            {
                continue;
            }

            if (!ids.Add((string)entity["id"]!))
            {
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
                request = [];
                ids.Clear();
                ids.Add((string)entity["id"]!);
            }

            request.Add((reading, entity));
        }

        await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var rejections = readings.Select(r => _settled.GetValueOrDefault(r.Id)).OfType<SinkRejection>().ToList();
        foreach (var reading in readings)
        {
            _settled.Remove(reading.Id);
        }

        return rejections;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SendAsync(List<(StoredReading Reading, JsonObject Entity)> request, CancellationToken cancellationToken)
    {
        if (request.Count == 0)
        {
            return;
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, _upsert)
        {
            Content = new StringContent(new JsonArray([.. request.Select(r => (JsonNode)r.Entity.DeepClone())]).ToJsonString(), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/ld+json");
        if (!string.IsNullOrEmpty(options.Tenant))
        {
            message.Headers.Add("NGSILD-Tenant", options.Tenant);
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK:
                Delivered(request);
                return;
            case HttpStatusCode.MultiStatus:
                MultiStatus(request, body);
                return;
            case HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge when request.Count > 1:
                // The broker refused the request as a whole: halve it until the entity at fault is alone.
                await SendAsync(request[..(request.Count / 2)], cancellationToken).ConfigureAwait(false);
                await SendAsync(request[(request.Count / 2)..], cancellationToken).ConfigureAwait(false);
                return;
            case HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge:
                var reason = $"the context broker refused {(string)request[0].Entity["id"]!} ({(int)response.StatusCode}): {Excerpt(body)}";
                log?.LogWarning("sink ngsi-ld: {Reason}", reason);
                _settled[request[0].Reading.Id] = new SinkRejection(request[0].Reading.Id, reason);
                return;
            default:
                throw new HttpRequestException($"context broker answered {(int)response.StatusCode}: {Excerpt(body)}", null, response.StatusCode);
        }
    }

    private void MultiStatus(List<(StoredReading Reading, JsonObject Entity)> request, string body)
    {
        var result = BatchOperationResult.Parse(body)
            ?? throw new HttpRequestException($"context broker answered 207 without a BatchOperationResult: {Excerpt(body)}", null, HttpStatusCode.MultiStatus);
        var byId = request.ToDictionary(r => (string)r.Entity["id"]!, StringComparer.Ordinal);
        Delivered(request.Where(r => result.Success.Contains((string)r.Entity["id"]!, StringComparer.Ordinal)));
        string? passing = null;
        foreach (var error in result.Errors)
        {
            if (!byId.TryGetValue(error.EntityId, out var refused) || _settled.ContainsKey(refused.Reading.Id))
            {
                continue;
            }

            if (BatchOperationResult.IsPermanent(error))
            {
                log?.LogWarning("sink ngsi-ld: {Reason}", error.Reason);
                _settled[refused.Reading.Id] = new SinkRejection(refused.Reading.Id, error.Reason);
            }
            else
            {
                passing ??= error.Reason;
            }
        }

        // What failed for a passing reason, or is not mentioned at all, is sent again with the batch.
        var unsettled = request.Count(r => !_settled.ContainsKey(r.Reading.Id));
        if (unsettled > 0)
        {
            throw new HttpRequestException($"context broker could not take {unsettled} of {request.Count} entities for now: {passing ?? "not mentioned in its answer"}", null, HttpStatusCode.MultiStatus);
        }
    }

    private void Delivered(IEnumerable<(StoredReading Reading, JsonObject Entity)> sent)
    {
        foreach (var (reading, _) in sent)
        {
            _settled[reading.Id] = null;
        }
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300];
}
