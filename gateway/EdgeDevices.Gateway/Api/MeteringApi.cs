using EdgeDevices.Gateway.Metering;

namespace EdgeDevices.Gateway.Api;

/// <summary>Meter consumption over REST (described at /openapi/v1.json); on the gateway, so the real ids.</summary>
public static class MeteringApi
{
    /// <summary>Maps /api/meters.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/meters/{deviceId}/consumption", (string deviceId, DateTimeOffset from, DateTimeOffset to, string? interval, int? channel, ConsumptionCalculator calculator) =>
        {
            var step = interval switch
            {
                null or "hour" => TimeSpan.FromHours(1),
                "day" => TimeSpan.FromDays(1),
                _ => TimeSpan.Zero,
            };
            if (step == TimeSpan.Zero || to <= from || (to - from) / step > 24 * 400)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["interval"] = ["hour or day, with from before to and at most 9600 intervals"] });
            }

            return Results.Ok(calculator.For(deviceId, channel ?? 0, from, to, step));
        }).WithTags("Metering");
    }
}
