using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Updates;

/// <summary>The over-the-air updates part of the gateway's composition.</summary>
public static class UpdatesServices
{
    /// <summary>Adds the bundle store, rollouts and the chunk server.</summary>
    public static IServiceCollection AddUpdates(this IServiceCollection services)
    {
        services.AddSingleton<BundleStore>();
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<ChunkServer>();
        services.AddSingleton<RolloutService>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<RolloutService>());
        services.AddHostedService(sp => sp.GetRequiredService<RolloutService>());
        return services;
    }
}
