using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeDevices.Gateway.Storage;

/// <summary>The storage part of the gateway's composition.</summary>
public static class StorageServices
{
    /// <summary>Adds the durable buffer on the state directory's SQLite file.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(_ => new BufferDatabase(GatewayHost.StateDirectory(options), options.Storage.Synchronous));
        services.AddSingleton<BufferStore>();
        return services;
    }

    /// <summary>Adds the housekeeper that keeps the buffer within its limits and the disk from filling.</summary>
    public static IServiceCollection AddBufferHousekeeping(this IServiceCollection services)
    {
        services.TryAddSingleton<FreeSpace>();
        services.AddSingleton<BufferHousekeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<BufferHousekeeper>());
        return services;
    }
}
