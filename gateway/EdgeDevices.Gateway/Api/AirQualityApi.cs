using EdgeDevices.Gateway.AirQuality;

namespace EdgeDevices.Gateway.Api;

/// <summary>Air-quality assessments per node over REST (described at /openapi/v1.json).</summary>
public static class AirQualityApi
{
    /// <summary>Maps /api/air-quality.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/air-quality", (AirQualityMonitor monitor) => monitor.Nodes().Select(n => monitor.Assess(n)).ToList()).WithTags("Air quality");
        app.MapGet("/api/air-quality/{deviceId}", (string deviceId, AirQualityMonitor monitor) => monitor.Assess(deviceId)).WithTags("Air quality");
        app.MapGet("/api/air-quality/{deviceId}/history", (string deviceId, int? hours, AirQualityMonitor monitor) =>
            monitor.History(deviceId, Math.Clamp(hours ?? 24, 1, 168)).Select(a => new { at = a.At, pm25 = a.Pm25NowCast, pm10 = a.Pm10NowCast, aqi = a.Aqi })).WithTags("Air quality");
    }
}
