using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Metering;

/// <summary>The metering part of the gateway's composition.</summary>
public static class MeteringServices
{
    /// <summary>Adds the meter totals' continuity (a commit step of the buffer), the meter ledger (an ingest observer), the night-flow check and consumption.</summary>
    public static IServiceCollection AddMetering(this IServiceCollection services)
    {
        // Inside the buffer's commit: a meter total must not go down.
        services.AddSingleton<ICommitStep, MeterTotalContinuity>();
        services.AddSingleton<NightFlowCheck>();
        services.AddSingleton<MeterLedger>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<MeterLedger>());
        services.AddSingleton<ConsumptionCalculator>();
        return services;
    }
}
