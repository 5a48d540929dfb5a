using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Northbound.NgsiLd;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>The forwarding part of the gateway's composition.</summary>
public static class NorthboundServices
{
    /// <summary>Adds the enabled sinks to the city platform, their runner, the device profiles and the sinks' rejects.</summary>
    public static IServiceCollection AddNorthbound(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton<DeviceProfiles>();
        services.AddSingleton<SinkRejects>();
        var sinks = options.Sinks;
        if (sinks.Mqtt.Enabled)
        {
            services.AddSingleton<ISink>(_ => new MqttPlatformSink(sinks.Mqtt, options.GatewayId));
        }

        if (sinks.NgsiLd.Enabled)
        {
            services.AddHttpClient<NgsiLdSink>(http => http.Timeout = TimeSpan.FromSeconds(30));
            services.AddSingleton<ISink>(sp => new NgsiLdSink(sinks.NgsiLd, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(NgsiLdSink)), sp.GetRequiredService<ILogger<NgsiLdSink>>()));
        }

        if (sinks.Nats.Enabled)
        {
            services.AddSingleton<ISink>(_ => new NatsJetStreamSink(sinks.Nats, options.GatewayId));
        }

        services.AddSingleton<SinkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SinkRunner>());
        return services;
    }
}
