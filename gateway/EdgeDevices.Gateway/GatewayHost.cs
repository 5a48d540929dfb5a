using EdgeDevices.Gateway.Access;
using EdgeDevices.Gateway.AirQuality;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Api;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Metering;
using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Privacy;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using EdgeDevices.Gateway.Updates;
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

        // In start order: the pipeline before anything feeds it (its observers in the order they hear a
        // commit), the sinks and the buffer's housekeeping, then the devices' side with the broker, and what
        // builds on it. Each folder adds its own services.
        var services = builder.Services;
        services.AddGatewayOptions(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOperations();
        services.AddPrivacy();
        services.AddStorage(options);
        services.AddPipeline();
        services.AddNorthbound(options);
        services.AddBufferHousekeeping();
        services.AddSouthbound(options);
        services.AddCommands(options);
        services.AddAlarms();
        services.AddLighting();
        services.AddMetering();
        services.AddAirQuality();
        services.AddUpdates();
        services.AddSystemdWatchdog();
        services.AddApi(options.Http);
        services.AddAccess();
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
