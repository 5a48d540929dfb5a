using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Metering;

/// <summary>The metering part of the gateway's composition.</summary>
public static class MeteringServices
{
    /// <summary>Adds the meter ledger (an ingest observer), the night-flow check and consumption.</summary>
    public static IServiceCollection AddMetering(this IServiceCollection services)
    {
        services.AddSingleton<NightFlowCheck>();
        services.AddSingleton<MeterLedger>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<MeterLedger>());
        services.AddSingleton<ConsumptionCalculator>();
        return services;
    }
}
