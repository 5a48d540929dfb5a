using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Commands;

namespace EdgeDevices.Gateway.Api;

/// <summary>Alarms and commands over REST (described at /openapi/v1.json).</summary>
public static class OperationsApi
{
    /// <summary>Maps /api/alarms and /api/commands.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/alarms", (bool? open, string? device, AlarmBook alarms) => alarms.List(open ?? true, device)).WithTags("Alarms");
        app.MapGet("/api/commands", (string? device, int? limit, CommandQueue queue) => queue.Latest(device, Math.Clamp(limit ?? 100, 1, 1000))).WithTags("Commands");
        app.MapGet("/api/commands/{id:long}", (long id, CommandQueue queue) => queue.Get(id) is { } record ? Results.Ok(record) : Results.NotFound()).WithTags("Commands");
    }
}
