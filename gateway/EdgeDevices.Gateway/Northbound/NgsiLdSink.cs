using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Sends readings to an NGSI-LD context broker as batch upserts of Smart Data Models entities
/// (<see cref="NgsiLdMapper"/>). One request never carries the same entity twice, so every reading arrives as
/// its own update, in order; a request counts as delivered only on 201/204 (a 207 with errors is a failure
/// and the batch is sent again, which an upsert takes harmlessly).
/// </summary>
public sealed class NgsiLdSink(NgsiLdSinkOptions options, HttpClient http) : ISink
{
    private readonly Uri _upsert = new(new Uri(options.Url.TrimEnd('/') + "/"), "ngsi-ld/v1/entityOperations/upsert?options=update");

    public string Name => "ngsi-ld";

    public int BatchSize => options.BatchSize;

    public async Task DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        var request = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            var entity = NgsiLdMapper.Map(reading, options.ContextUrl);
            if (entity == null)
            {
                continue;
            }

            if (!ids.Add((string)entity["id"]!))
            {
                await PostAsync(request, cancellationToken).ConfigureAwait(false);
                request = [];
                ids.Clear();
                ids.Add((string)entity["id"]!);
            }

            request.Add(entity);
        }

        await PostAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PostAsync(JsonArray entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0)
        {
            return;
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, _upsert)
        {
            Content = new StringContent(entities.ToJsonString(), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/ld+json");
        if (!string.IsNullOrEmpty(options.Tenant))
        {
            message.Headers.Add("NGSILD-Tenant", options.Tenant);
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"context broker answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null, response.StatusCode);
        }
    }
}
