using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Updates;

namespace EdgeDevices.Gateway.Api;

/// <summary>Rollouts of signed bundles over REST: start (to devices, a group or all, canary first), list, report per device, stop.</summary>
public static class RolloutsApi
{
    /// <summary>Maps /api/rollouts.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/rollouts").WithTags("Updates");
        api.MapGet("/", (RolloutStore store) => new JsonArray([.. store.List().Select(r => (JsonNode)View(r, store.Devices(r.Id), withDevices: false))]));
        api.MapGet("/{id:long}", (long id, RolloutStore store) =>
            store.Get(id) is { } rollout ? Results.Ok(View(rollout, store.Devices(id), withDevices: true)) : Results.NotFound(new { error = $"no rollout {id}" }));
        api.MapPost("/", (RolloutRequest request, RolloutService rollouts, RolloutStore store) =>
        {
            try
            {
                var rollout = rollouts.Start(request);
                return Results.Created($"/api/rollouts/{rollout.Id}", View(rollout, store.Devices(rollout.Id), withDevices: true));
            }
            catch (RolloutException ex)
            {
                return ex.Conflict ? Results.Conflict(new { field = ex.Field, error = ex.Message }) : Results.BadRequest(new { field = ex.Field, error = ex.Message });
            }
        });
        api.MapPost("/{id:long}/stop", (long id, RolloutService rollouts, RolloutStore store) =>
            rollouts.Stop(id, "stopped by an operator")
                ? Results.Ok(View(store.Get(id)!, store.Devices(id), withDevices: true))
                : Results.Conflict(new { error = $"rollout {id} is not running" }));
    }

    // A rollout with its counts by status, and (for one rollout) each device's wave, status and reason.
    private static JsonObject View(Rollout r, IReadOnlyList<RolloutDevice> devices, bool withDevices)
    {
        var view = new JsonObject
        {
            ["id"] = r.Id,
            ["app"] = r.App,
            ["version"] = r.Version,
            ["state"] = r.State,
            ["wave"] = r.Wave,
            ["canaryPercent"] = r.CanaryPercent,
            ["waveSize"] = r.WaveSize,
            ["failureThresholdPercent"] = r.FailureThresholdPercent,
            ["stopReason"] = r.StopReason,
            ["createdAt"] = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            ["finishedAt"] = r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            ["counts"] = new JsonObject(devices.GroupBy(d => d.Status).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
        };
        if (withDevices)
        {
            view["devices"] = new JsonArray([.. devices.Select(d => (JsonNode)new JsonObject
            {
                ["deviceId"] = d.DeviceId,
                ["wave"] = d.Wave,
                ["status"] = d.Status,
                ["reason"] = d.Reason,
                ["updatedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(d.UpdatedAt),
            })]);
        }

        return view;
    }
}
