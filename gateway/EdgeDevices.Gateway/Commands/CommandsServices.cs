using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;

namespace EdgeDevices.Gateway.Commands;

/// <summary>The commands part of the gateway's composition.</summary>
public static class CommandsServices
{
    /// <summary>Adds the command keys, queue, answers and dispatcher, sending each command the way its device listens.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton<ICommandTransport>(sp => new CommandRouter(
            options.Southbound.Mode == SouthboundMode.Embedded ? sp.GetRequiredService<EmbeddedBrokerService>() : sp.GetRequiredService<ExternalBrokerService>(),
            sp.GetRequiredService<Southbound.LoRaWan.LoRaWanDevices>(),
            sp.GetService<Southbound.LoRaWan.ChirpStackIntegration>()));
        services.AddSingleton<DeviceKeys>();
        services.AddSingleton<CommandQueue>();
        services.AddSingleton<CommandAnswers>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<CommandAnswers>());
        services.AddHostedService<CommandDispatcher>();
        return services;
    }
}
