using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>The device side of the gateway's composition.</summary>
public static class SouthboundServices
{
    /// <summary>Adds the device registry and presence, the embedded broker or the external one, LoRaWAN through ChirpStack when enabled, credential rotation and reject notices.</summary>
    public static IServiceCollection AddSouthbound(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton<DevicePresence>();
        services.AddSingleton<CommandListeners>();
        services.AddSingleton<SouthboundStatus>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<DeviceSites>();
        services.AddSingleton<DeviceHistory>();
        if (options.Southbound.Mode == SouthboundMode.Embedded)
        {
            services.AddSingleton<EmbeddedBrokerService>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBrokerService>());
        }
        else
        {
            services.AddSingleton<ExternalBrokerService>();
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerService>());
        }

        services.AddSingleton<LoRaWan.LoRaWanDevices>();
        services.AddSingleton<LoRaWan.FragmentStore>();
        services.AddSingleton<LoRaWan.LoRaWanLinks>();
        services.AddSingleton<LoRaWan.LoRaWanDownlinks>();
        if (options.LoRaWan.Enabled)
        {
            services.AddSingleton<LoRaWan.ChirpStackIntegration>();
            services.AddHostedService(sp => sp.GetRequiredService<LoRaWan.ChirpStackIntegration>());
        }

        services.AddSingleton<CredentialRotation>();
        services.AddHostedService(sp =>
        {
            var rotation = sp.GetRequiredService<CredentialRotation>();
            sp.GetRequiredService<DeviceRegistry>().Rotation = rotation;
            return rotation;
        });
        services.AddHostedService<DeviceChangeWatcher>();
        services.AddSingleton<RejectNotices>();
        services.AddSingleton<IQuarantineObserver>(sp => sp.GetRequiredService<RejectNotices>());
        services.AddHostedService(sp => sp.GetRequiredService<RejectNotices>());
        return services;
    }
}
