using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Alarms;

/// <summary>The alarms part of the gateway's composition.</summary>
public static class AlarmsServices
{
    /// <summary>Adds the alarm book (an ingest observer) and the gateway's own events to the platform.</summary>
    public static IServiceCollection AddAlarms(this IServiceCollection services)
    {
        services.AddSingleton<AlarmBook>();
        services.AddSingleton<GatewayEvents>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<AlarmBook>());
        return services;
    }
}
