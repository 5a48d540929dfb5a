using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Operations;

/// <summary>What /healthz answers: 200 while the pipeline commits, 503 when it does not, with the figures an operator looks at first.</summary>
public static class HealthReport
{
    /// <summary>Writes the report.</summary>
    public static IResult Build(PipelineHealth health, BufferStore store, SinkRunner sinks, SinkRejects rejects, DevicePresence presence, SouthboundStatus southbound, GatewayWarnings warnings, TimeProvider time)
    {
        var oldest = store.OldestReceivedAt();
        var body = new
        {
            status = health.IsHealthy ? "ok" : "failing",
            problem = health.Problem,
            southbound = southbound.IsReady ? "receiving" : "not connected",
            connectedDevices = presence.Count,
            buffer = new
            {
                urgent = store.Count(Lane.Urgent),
                bulk = store.Count(Lane.Bulk),
                bytes = store.UsedBytes(),
                oldestAgeSeconds = oldest is { } ms ? (time.GetUtcNow().ToUnixTimeMilliseconds() - ms) / 1000 : 0,
            },
            sinks = sinks.Names.ToDictionary(s => s, s => new { lag = store.Lag(s), rejected = rejects.Count(s) }),
            warnings = warnings.Active.Select(w => new { code = w.Code, message = w.Message, since = w.Since }),
        };
        return Results.Json(body, statusCode: health.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
