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
/// the same entity twice, so every reading arrives as its own update, in order. Delivery is at least once
/// (a restart in the middle of a batch sends it again), but a partial failure never makes the gateway send
/// again what the broker already took:
/// <list type="bullet">
/// <item>201 and 204 deliver the request.</item>
/// <item>A 207 delivers what it lists as a success; an entity it refuses for good (<see cref="ProblemDetails.IsPermanent"/>)
/// is handed back with the broker's reason, for the runner to keep for the operator; one that failed for a
/// passing reason fails the delivery, and when the batch comes again only what is not yet settled is sent.</item>
/// <item>A 400, 413 or 422 for a whole request whose error is permanent is halved until the entity at fault is
/// alone; when every entity of the request ends refused so, the fault is the request's, not theirs (a context
/// the broker cannot use, a proxy): the delivery fails, to be tried again, and nothing is quarantined.</item>
/// <item>Anything else (401, 404, 5xx, no answer) fails the delivery, to be tried again.</item>
/// </list>
/// A reading sent again by the operator (<see cref="ReplayAsync"/>) is added to the entity's history through
/// the temporal API rather than made its current state, so an old reading never rolls back newer values.
/// </summary>
public sealed class NgsiLdSink(NgsiLdSinkOptions options, HttpClient http, ILogger<NgsiLdSink>? log = null) : ISink
{
    private readonly Uri _base = new(options.Url.TrimEnd('/') + "/ngsi-ld/v1/");
    private readonly SmartDataModelEntities _entities = new(options.Contexts);

    // The readings of a batch the broker has settled when a later part of it failed, each delivered (null) or
    // refused for good (its rejection): not sent again when the batch comes back, and the refusals still
    // reported. Refusals of the gateway's own (an entity that cannot be valid yet) are not kept: they are
    // judged again at every attempt, so a position recorded meanwhile counts.
    private readonly Dictionary<long, SinkRejection?> _settled = [];

    // Single entities refused as whole requests since the broker last took anything: from the third on, the
    // fault is taken for the broker's or the path's, not the entities'.
    private int _refusedInARow;

    private readonly bool _warned = WarnAboutContextUrl(options, log);

    public string Name => "ngsi-ld";

    public int BatchSize => options.BatchSize;

    public bool DescribesDevices => true;

    public async Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        var refusedHere = new List<SinkRejection>();
        var request = new List<(StoredReading Reading, JsonObject Entity)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            if (_settled.ContainsKey(reading.Id) || Map(reading, refusedHere) is not { } entity)
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
        return Settle(readings, refusedHere);
    }

    /// <summary>
    /// Sends readings the operator marked to go again: each is added to its entity's history (POST
    /// /temporal/entities/{id}/attrs, §5.6.12); an entity the broker does not have yet is created by an upsert;
    /// a broker without the temporal API gets the reading only if it is newer than what it holds.
    /// </summary>
    public async Task<IReadOnlyList<SinkRejection>> ReplayAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        var refusedHere = new List<SinkRejection>();
        foreach (var reading in readings)
        {
            if (_settled.ContainsKey(reading.Id) || Map(reading, refusedHere) is not { } entity)
            {
                continue;
            }

            var id = (string)entity["id"]!;
            var (status, body) = await PostAsync($"temporal/entities/{Uri.EscapeDataString(id)}/attrs", History(entity), cancellationToken).ConfigureAwait(false);
            var problem = ProblemDetails.FromBody(body, (int)status);
            if (status is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Created)
            {
                Delivered([(reading, entity)]);
            }
            else if (status == HttpStatusCode.NotFound && problem.Type?.EndsWith("/ResourceNotFound", StringComparison.Ordinal) == true)
            {
                // The broker has no such entity yet: this reading makes it.
                await SendAsync([(reading, entity)], cancellationToken).ConfigureAwait(false);
            }
            else if (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented
                || problem.Type?.EndsWith("/OperationNotSupported", StringComparison.Ordinal) == true)
            {
                // No temporal API: the broker keeps only the current state; send the reading only if it is newer.
                if (await HoldsNewerAsync(id, reading.ObservedAt, cancellationToken).ConfigureAwait(false))
                {
                    log?.LogInformation("sink ngsi-ld: {Entity} already holds values newer than the replayed reading of {At:O}, and the broker keeps no history: not sent", id, reading.ObservedAt);
                    _settled[reading.Id] = null;
                }
                else
                {
                    await SendAsync([(reading, entity)], cancellationToken).ConfigureAwait(false);
                }
            }
            else if (problem.IsPermanent)
            {
                _settled[reading.Id] = new SinkRejection(reading.Id, $"the context broker refused {id}: {problem}");
            }
            else
            {
                throw new HttpRequestException($"context broker answered {(int)status} to a history append: {problem}", null, status);
            }
        }

        return Settle(readings, refusedHere);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // The entity of a reading; a reading the gateway cannot make a valid entity of, or cannot read at all, is
    // refused with the reason rather than holding up the readings behind it.
    private JsonObject? Map(StoredReading reading, List<SinkRejection> refusedHere)
    {
        MappedEntity mapped;
        try
        {
            mapped = _entities.Map(reading);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            mapped = MappedEntity.Refused($"the gateway could not make an entity of reading {reading.IdempotencyKey}: {ex.Message}");
        }

        if (mapped.Refusal != null)
        {
            refusedHere.Add(new SinkRejection(reading.Id, mapped.Refusal));
        }

        return mapped.Entity;
    }

    private List<SinkRejection> Settle(IReadOnlyList<StoredReading> readings, List<SinkRejection> refusedHere)
    {
        var rejections = readings.Select(r => _settled.GetValueOrDefault(r.Id)).OfType<SinkRejection>().Concat(refusedHere).ToList();
        foreach (var reading in readings)
        {
            _settled.Remove(reading.Id);
        }

        // Entries of a batch that never came back (its readings removed by retention) must not pile up.
        if (_settled.Count > 20 * Math.Max(1, options.BatchSize))
        {
            _settled.Clear();
        }

        return rejections;
    }

    private async Task SendAsync(List<(StoredReading Reading, JsonObject Entity)> request, CancellationToken cancellationToken)
    {
        if (request.Count == 0)
        {
            return;
        }

        var refusedWhole = new List<(StoredReading Reading, string Reason)>();
        await SendPartAsync(request, refusedWhole, cancellationToken).ConfigureAwait(false);
        if (request.Count > 1 && refusedWhole.Count == request.Count)
        {
            // Every entity alone refused as the whole request was: the request is at fault, not the entities.
            foreach (var (reading, _) in refusedWhole)
            {
                _settled.Remove(reading.Id);
            }

            throw new HttpRequestException($"the context broker refuses every entity of the request alike ({refusedWhole[0].Reason}); check sinks.ngsiLd.contexts and anything between the gateway and the broker");
        }

        foreach (var (reading, reason) in refusedWhole)
        {
            log?.LogWarning("sink ngsi-ld: {Reason}", reason);
        }
    }

    private async Task SendPartAsync(List<(StoredReading Reading, JsonObject Entity)> request, List<(StoredReading Reading, string Reason)> refusedWhole, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync("entityOperations/upsert?options=update", new JsonArray([.. request.Select(r => (JsonNode)r.Entity.DeepClone())]), cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK:
                Delivered(request);
                return;
            case HttpStatusCode.MultiStatus:
                MultiStatus(request, body);
                return;
            case HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge:
                var problem = ProblemDetails.FromBody(body, (int)status);
                if (!problem.IsPermanent && status != HttpStatusCode.RequestEntityTooLarge)
                {
                    throw new HttpRequestException($"context broker answered {(int)status}: {problem}", null, status);
                }

                if (request.Count > 1)
                {
                    // Halve it until the entity at fault is alone.
                    await SendPartAsync(request[..(request.Count / 2)], refusedWhole, cancellationToken).ConfigureAwait(false);
                    await SendPartAsync(request[(request.Count / 2)..], refusedWhole, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var reason = $"the context broker refused {(string)request[0].Entity["id"]!}: {problem}";
                if (++_refusedInARow >= 3)
                {
                    throw new HttpRequestException($"the context broker has refused every request since it last took one ({reason}); check sinks.ngsiLd.contexts and anything between the gateway and the broker", null, status);
                }

                _settled[request[0].Reading.Id] = new SinkRejection(request[0].Reading.Id, reason);
                refusedWhole.Add((request[0].Reading, reason));
                return;
            default:
                throw new HttpRequestException($"context broker answered {(int)status}: {Excerpt(body)}", null, status);
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

            if (error.Problem.IsPermanent)
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
            _refusedInARow = 0;
        }
    }

    // The measured attributes of an entity as a temporal fragment: each an array of its one new instance.
    private static JsonObject History(JsonObject entity)
    {
        var fragment = new JsonObject();
        foreach (var (name, attribute) in entity)
        {
            if (attribute is JsonObject a && a.ContainsKey("observedAt"))
            {
                fragment[name] = new JsonArray(a.DeepClone());
            }
        }

        fragment["@context"] = entity["@context"]!.DeepClone();
        return fragment;
    }

    // Whether the broker's current entity has an attribute observed after `at` (false when it has none).
    private async Task<bool> HoldsNewerAsync(string entityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"entities/{Uri.EscapeDataString(entityId)}"));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Tenant(message);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || JsonNode.Parse(body) is not JsonObject current)
        {
            throw new HttpRequestException($"context broker answered {(int)response.StatusCode} when asked for {entityId}: {Excerpt(body)}", null, response.StatusCode);
        }

        return current.Select(a => a.Value).OfType<JsonObject>()
            .Select(a => (string?)a["observedAt"])
            .Any(o => o != null && DateTimeOffset.TryParse(o, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var observed) && observed > at);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/ld+json");
        Tenant(message);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private void Tenant(HttpRequestMessage message)
    {
        if (!string.IsNullOrEmpty(options.Tenant))
        {
            message.Headers.Add("NGSILD-Tenant", options.Tenant);
        }
    }

    private static bool WarnAboutContextUrl(NgsiLdSinkOptions options, ILogger? log)
    {
        if (options.ContextUrl != null)
        {
            log?.LogWarning("sinks.ngsiLd.contextUrl is no longer used and can be removed: each entity names its model's own @context (sinks.ngsiLd.contexts); see docs/ngsi-ld.md, \"Upgrading\"");
        }

        return true;
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300];
}
