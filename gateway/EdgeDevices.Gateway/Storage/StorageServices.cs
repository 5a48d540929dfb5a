using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeDevices.Gateway.Storage;

/// <summary>The storage part of the gateway's composition.</summary>
public static class StorageServices
{
    /// <summary>Adds the durable buffer on the state directory's SQLite file: its one writer, the store and its retention.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(_ => new BufferDatabase(GatewayHost.StateDirectory(options), options.Storage.Synchronous));
        services.AddSingleton<BufferWriter>();
        services.AddSingleton<BufferStore>(sp => new BufferStore(
            sp.GetRequiredService<BufferDatabase>(),
            sp.GetRequiredService<BufferWriter>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>(),
            sp.GetServices<ICommitStep>()));
        services.AddSingleton<BufferRetention>();
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
