using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Northbound.NgsiLd;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;
using Prometheus;

namespace EdgeDevices.Gateway;

/// <summary>Composes the gateway: its services in start order, /healthz and /metrics.</summary>
public static class GatewayHost
{
    /// <summary>Where the buffer lives: the setting, else systemd's state directory, else ./state.</summary>
    public static string StateDirectory(GatewayOptions options) =>
        options.StateDirectory
        ?? Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0]
        ?? Path.Combine(Environment.CurrentDirectory, "state");

    /// <summary>The broker's PKCS#12 file, a relative path taken in the state directory.</summary>
    public static string CertificatePath(GatewayOptions options) =>
        Path.Combine(StateDirectory(options), options.Southbound.Embedded.Tls.CertificatePath ?? Southbound.BrokerCertificates.Folder + "/" + Southbound.BrokerCertificates.ServerFile);

    /// <summary>Whether the configured certificate is the one the gateway makes itself (with a local CA) when it is missing.</summary>
    public static bool MakesOwnCertificate(GatewayOptions options) =>
        options.Southbound.Embedded.Tls.CertificatePath?.Replace('\\', '/') == Southbound.BrokerCertificates.Folder + "/" + Southbound.BrokerCertificates.ServerFile;

    /// <summary>Builds the gateway for validated <paramref name="options"/>; <paramref name="configure"/> lets a test replace services (the clock).</summary>
    public static WebApplication Build(GatewayOptions options, IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(options.Http.Urls);
        ConfigureSystemd(builder);

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<PipelineHealth>();
        services.AddSingleton<DevicePresence>();
        services.AddSingleton<SouthboundStatus>();
        services.AddSingleton<Privacy.Pseudonyms>();
        services.AddSingleton<LatestReadings>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<LatestReadings>());
        services.AddSingleton(_ => new BufferDatabase(StateDirectory(options), options.Storage.Synchronous));
        services.AddSingleton<BufferStore>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<DeviceSites>();
        services.AddSingleton<DeviceProfiles>();
        services.AddSingleton<SinkRejects>();

        // Start order: the pipeline before anything feeds it, the broker last.
        services.AddSingleton<IngestPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        AddSinks(services, options);
        services.AddSingleton<SinkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SinkRunner>());
        services.TryAddSingleton<FreeSpace>();
        services.AddSingleton<BufferHousekeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<BufferHousekeeper>());
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

        // LoRaWAN devices through ChirpStack, when enabled; commands go to each device the way it listens.
        services.AddSingleton<Southbound.LoRaWan.LoRaWanDevices>();
        services.AddSingleton<Southbound.LoRaWan.FragmentStore>();
        services.AddSingleton<Southbound.LoRaWan.LoRaWanLinks>();
        services.AddSingleton<Southbound.LoRaWan.LoRaWanDownlinks>();
        services.AddSingleton<DeviceHistory>();
        services.AddSingleton<GatewayWarnings>();
        if (options.LoRaWan.Enabled)
        {
            services.AddSingleton<Southbound.LoRaWan.ChirpStackIntegration>();
            services.AddHostedService(sp => sp.GetRequiredService<Southbound.LoRaWan.ChirpStackIntegration>());
        }

        services.AddSingleton<ICommandTransport>(sp => new CommandRouter(
            options.Southbound.Mode == SouthboundMode.Embedded ? sp.GetRequiredService<EmbeddedBrokerService>() : sp.GetRequiredService<ExternalBrokerService>(),
            sp.GetRequiredService<Southbound.LoRaWan.LoRaWanDevices>(),
            sp.GetService<Southbound.LoRaWan.ChirpStackIntegration>()));
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

        // Commands to devices, and what the lighting builds on them.
        services.AddSingleton<DeviceKeys>();
        services.AddSingleton<CommandQueue>();
        services.AddSingleton<CommandAnswers>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<CommandAnswers>());
        services.AddHostedService<CommandDispatcher>();
        services.AddSingleton<AlarmBook>();
        services.AddSingleton<Alarms.GatewayEvents>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<AlarmBook>());
        Lighting.LightingServices.Add(services);
        services.AddSingleton<Metering.NightFlowCheck>();
        services.AddSingleton<Metering.MeterLedger>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<Metering.MeterLedger>());
        services.AddSingleton<Metering.ConsumptionCalculator>();
        services.AddSingleton<AirQuality.AirQualityMonitor>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<AirQuality.AirQualityMonitor>());

        services.AddSingleton<Updates.BundleStore>();
        services.AddSingleton<Updates.RolloutStore>();
        services.AddSingleton<Updates.ChunkServer>();
        services.AddSingleton<Updates.RolloutService>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<Updates.RolloutService>());
        services.AddHostedService(sp => sp.GetRequiredService<Updates.RolloutService>());
        services.AddHostedService<SystemdWatchdog>();
        services.AddOpenApi();
        Api.HttpHardening.AddServices(services, options.Http);
        services.AddSingleton<Api.DashboardSessions>();
        services.AddSingleton<Access.AccountStore>();
        services.AddSingleton<Access.AuditLog>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        configure?.Invoke(services);

        var app = builder.Build();
        Api.HttpHardening.Use(app);
        Api.HttpAccess.Use(app, options.Http.AccessToken);
        app.MapGet("/healthz", (PipelineHealth health, BufferStore store, SinkRunner sinks, SinkRejects rejects, DevicePresence presence, SouthboundStatus southbound, GatewayWarnings warnings, TimeProvider time) =>
            Operations.HealthReport.Build(health, store, sinks, rejects, presence, southbound, warnings, time));
        app.MapMetrics("/metrics", app.Services.GetRequiredService<GatewayMetrics>().Registry);
        app.MapOpenApi();
        Api.LightingApi.Map(app);
        Api.OperationsApi.Map(app);
        Api.MeteringApi.Map(app);
        Api.AirQualityApi.Map(app);
        Api.DevicesApi.Map(app);
        Api.UpdatesApi.Map(app);
        Api.RolloutsApi.Map(app);
        Api.SinksApi.Map(app);
        Api.QuarantineApi.Map(app);
        Api.AccountsApi.Map(app);
        Dashboard.DashboardEndpoints.Map(app, options.Http.AccessToken);
        return app;
    }

    private static void AddSinks(IServiceCollection services, GatewayOptions options)
    {
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
    }

    // Under systemd: READY/STOPPING and journald-friendly logs. The hosting package recognises a service by
    // its parent being systemd; a NOTIFY_SOCKET alone (a container, a test playing systemd) is honoured too.
    private static void ConfigureSystemd(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var underSystemd = SystemdHelpers.IsSystemdService();
        var notifySocket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (underSystemd)
        {
            builder.Services.AddSystemd();
            builder.Logging.AddSystemdConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
            if (!string.IsNullOrEmpty(notifySocket))
            {
                builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
                builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
            }
        }

        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
    }
}
