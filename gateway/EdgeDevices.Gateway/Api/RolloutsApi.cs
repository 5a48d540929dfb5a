using EdgeDevices.Gateway.Updates;

namespace EdgeDevices.Gateway.Api;

/// <summary>Rollouts of signed bundles over REST: start (to devices, a group or all, canary first), list, report per device, stop.</summary>
public static class RolloutsApi
{
    /// <summary>Maps /api/rollouts.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/rollouts").WithTags("Updates");
        api.MapGet("/", (RolloutStore store) => store.List().Select(r => Summary(r, store.Devices(r.Id))));
        api.MapGet("/{id:long}", (long id, RolloutStore store) =>
            store.Get(id) is { } rollout ? Results.Ok(Report(rollout, store.Devices(id))) : Results.NotFound(new { error = $"no rollout {id}" }));
        api.MapPost("/", (RolloutRequest request, RolloutService rollouts, RolloutStore store) =>
        {
            try
            {
                var rollout = rollouts.Start(request);
                return Results.Created($"/api/rollouts/{rollout.Id}", Report(rollout, store.Devices(rollout.Id)));
            }
            catch (RolloutException ex)
            {
                return ex.Conflict ? Results.Conflict(new { field = ex.Field, error = ex.Message }) : Results.BadRequest(new { field = ex.Field, error = ex.Message });
            }
        });
        api.MapPost("/{id:long}/stop", (long id, RolloutService rollouts, RolloutStore store) =>
            rollouts.Stop(id, "stopped by an operator")
                ? Results.Ok(Report(store.Get(id)!, store.Devices(id)))
                : Results.Conflict(new { error = $"rollout {id} is not running" }));
    }

    private static object Summary(Rollout r, IReadOnlyList<RolloutDevice> devices) => new
    {
        id = r.Id,
        app = r.App,
        version = r.Version,
        state = r.State,
        wave = r.Wave,
        stopReason = r.StopReason,
        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
        finishedAt = r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : (DateTimeOffset?)null,
        counts = devices.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count()),
    };

    private static object Report(Rollout r, IReadOnlyList<RolloutDevice> devices) => new
    {
        id = r.Id,
        app = r.App,
        version = r.Version,
        state = r.State,
        wave = r.Wave,
        canaryPercent = r.CanaryPercent,
        waveSize = r.WaveSize,
        failureThresholdPercent = r.FailureThresholdPercent,
        stopReason = r.StopReason,
        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
        finishedAt = r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : (DateTimeOffset?)null,
        counts = devices.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count()),
        devices = devices.Select(d => new { deviceId = d.DeviceId, wave = d.Wave, status = d.Status, reason = d.Reason, updatedAt = DateTimeOffset.FromUnixTimeMilliseconds(d.UpdatedAt) }),
    };
}
