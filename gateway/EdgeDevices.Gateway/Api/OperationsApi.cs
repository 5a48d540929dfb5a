using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Commands;

namespace EdgeDevices.Gateway.Api;

/// <summary>Alarms and commands over REST (described at /openapi/v1.json).</summary>
public static class OperationsApi
{
    /// <summary>Maps /api/alarms, /api/commands and /api/export.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/export", (DateTimeOffset from, DateTimeOffset to, string? format, Storage.BufferStore store, Privacy.Pseudonyms pseudonyms) =>
        {
            format ??= "csv";
            if (format is not ("csv" or "json") || to <= from)
            {
                return Results.BadRequest(new { field = format is not ("csv" or "json") ? "format" : "to", error = format is not ("csv" or "json") ? "csv or json" : "to must be after from" });
            }

            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Export.OpenDataExport.Write(store, pseudonyms, from, to, format, text);
            return Results.Text(text.ToString(), format == "csv" ? "text/csv" : "application/json");
        }).WithTags("Export");
        app.MapGet("/api/alarms", (bool? open, string? device, AlarmBook alarms) => alarms.List(open ?? true, device)).WithTags("Alarms");
        app.MapPost("/api/alarms/{id}/acknowledge", (long id, AlarmBook alarms) =>
            alarms.Acknowledge(id) is { } at ? Results.Ok(new { id, acknowledgedAt = at }) : Results.NotFound(new { field = "id", error = $"no alarm {id}" })).WithTags("Alarms");
        app.MapGet("/api/commands", (string? device, int? limit, CommandQueue queue) => queue.Latest(device, Math.Clamp(limit ?? 100, 1, 1000))).WithTags("Commands");
        app.MapGet("/api/commands/{id:long}", (long id, CommandQueue queue) => queue.Get(id) is { } record ? Results.Ok(record) : Results.NotFound()).WithTags("Commands");
    }
}
