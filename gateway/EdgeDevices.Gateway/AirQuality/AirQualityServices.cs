using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.AirQuality;

/// <summary>The air-quality part of the gateway's composition.</summary>
public static class AirQualityServices
{
    /// <summary>Adds the air-quality monitor (an ingest observer).</summary>
    public static IServiceCollection AddAirQuality(this IServiceCollection services)
    {
        services.AddSingleton<AirQualityMonitor>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<AirQualityMonitor>());
        return services;
    }
}
