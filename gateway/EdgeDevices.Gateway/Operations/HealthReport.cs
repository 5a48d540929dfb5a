using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// What /healthz answers: 200 while the pipeline commits, 503 when it does not, with the figures an operator
/// looks at first. Committing is not the whole story: while a sink fails, readings wait longer than
/// <see cref="WaitingTooLong"/> for a sink, or a warning is active, the status is <c>degraded</c> (still 200:
/// nothing is lost, but someone should look), with the reasons.
/// </summary>
public static class HealthReport
{
    /// <summary>How long a reading may wait in the buffer for a sink before the gateway says it is degraded.</summary>
    public static readonly TimeSpan WaitingTooLong = TimeSpan.FromMinutes(30);

    /// <summary>Writes the report.</summary>
    public static IResult Build(PipelineHealth health, BufferStore store, SinkRunner sinks, SinkRejects rejects, DevicePresence presence, SouthboundStatus southbound, GatewayWarnings warnings, TimeProvider time)
    {
        var oldest = store.OldestReceivedAt();
        var now = time.GetUtcNow();
        var oldestAge = oldest is { } ms ? TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - ms) : TimeSpan.Zero;
        var degraded = new List<string>();
        foreach (var (sink, failing) in sinks.Failing)
        {
            degraded.Add($"sink {sink} failing since {failing.Since:u}: {failing.Reason}");
        }

        if (sinks.Names.Count > 0 && oldestAge > WaitingTooLong)
        {
            degraded.Add($"readings waiting for the platform for {(int)oldestAge.TotalMinutes} min");
        }

        degraded.AddRange(warnings.Active.Select(w => w.Message));
        var body = new
        {
            status = !health.IsHealthy ? "failing" : degraded.Count > 0 ? "degraded" : "ok",
            problem = health.Problem,
            degraded,
            southbound = southbound.IsReady ? "receiving" : "not connected",
            connectedDevices = presence.Count,
            buffer = new
            {
                urgent = store.Count(Lane.Urgent),
                bulk = store.Count(Lane.Bulk),
                bytes = store.UsedBytes(),
                oldestAgeSeconds = (long)oldestAge.TotalSeconds,
            },
            sinks = sinks.Names.ToDictionary(s => s, s => new { lag = store.Lag(s), rejected = rejects.Count(s) }),
            warnings = warnings.Active.Select(w => new { code = w.Code, message = w.Message, since = w.Since }),
        };
        return Results.Json(body, statusCode: health.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
