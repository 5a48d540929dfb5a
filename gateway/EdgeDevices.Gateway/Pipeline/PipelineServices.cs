namespace EdgeDevices.Gateway.Pipeline;

/// <summary>The ingest part of the gateway's composition.</summary>
public static class PipelineServices
{
    /// <summary>Adds the ingest pipeline (started before anything feeds it) and the latest readings, its first observer.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton<LatestReadings>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<LatestReadings>());
        services.AddSingleton<IngestPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        return services;
    }
}
