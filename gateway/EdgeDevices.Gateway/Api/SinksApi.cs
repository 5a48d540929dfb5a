using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Gateway.Northbound;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The readings the platform's destinations refused for good, with their reasons, and sending them again
/// once the cause is fixed (a device's position recorded, the broker's schema corrected).
/// </summary>
public static class SinksApi
{
    /// <summary>Maps /api/sinks.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/sinks").WithTags("Sinks");
        api.MapGet("/rejects", (string? sink, int? limit, SinkRejects rejects) =>
            rejects.List(sink, Math.Clamp(limit ?? 200, 1, 1000)).Select(r => new SinkRejectView(
                r.Sink, r.Reading.Id, r.Reading.DeviceId, r.Reading.BootId, r.Reading.Sequence, EdgeDevices.Firmware.Codec.WireNames.Of(r.Reading.Type),
                r.Reading.ObservedAt, r.Reason, r.RejectedAt, r.Retry, r.Reading.Payload)));
        api.MapPost("/{sink}/rejects/retry", (string sink, long? readingId, SinkRunner runner, SinkRejects rejects) =>
        {
            if (!runner.Names.Contains(sink, StringComparer.Ordinal))
            {
                return Results.NotFound(new { field = "sink", error = $"no sink '{sink}' is enabled (enabled: {string.Join(", ", runner.Names)})" });
            }

            var marked = rejects.MarkForRetry(sink, readingId);
            return readingId != null && marked == 0
                ? Results.NotFound(new { field = "readingId", error = $"sink '{sink}' holds no refused reading {readingId}" })
                : Results.Ok(new { sink, marked });
        });
    }
}

/// <summary>A refused reading as the operator sees it: which sink, which reading, the destination's reason, the payload as stored.</summary>
public sealed record SinkRejectView(string Sink, long ReadingId, string DeviceId, int BootId, int Sequence, string Type, DateTimeOffset ObservedAt, string Reason, DateTimeOffset RejectedAt, bool Retry, string Payload);
