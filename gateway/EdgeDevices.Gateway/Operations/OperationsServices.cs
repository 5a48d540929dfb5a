namespace EdgeDevices.Gateway.Operations;

/// <summary>The operations part of the gateway's composition.</summary>
public static class OperationsServices
{
    /// <summary>Adds metrics, pipeline health and the operator warnings.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<PipelineHealth>();
        services.AddSingleton<GatewayWarnings>();
        return services;
    }

    /// <summary>Adds the systemd watchdog's keep-alive (registered last: it starts once everything else has).</summary>
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services)
    {
        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}
