namespace EdgeDevices.Gateway.Lighting;

/// <summary>The lighting part of the gateway's composition.</summary>
public static class LightingServices
{
    /// <summary>Adds the lighting model, distribution, overrides, the energy ledger and the report.</summary>
    public static IServiceCollection AddLighting(this IServiceCollection services)
    {
        services.AddSingleton<LightingStore>();
        services.AddSingleton<OverrideService>();
        services.AddSingleton<EnergyLedger>();
        services.AddSingleton<Pipeline.IIngestObserver>(sp => sp.GetRequiredService<EnergyLedger>());
        services.AddSingleton<EnergyReport>();
        services.AddSingleton<NightProfile>();
        services.AddSingleton<ScheduleDistributor>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleDistributor>());
        services.AddSingleton<LampParameterDistributor>();
        services.AddHostedService(sp => sp.GetRequiredService<LampParameterDistributor>());
        return services;
    }
}
