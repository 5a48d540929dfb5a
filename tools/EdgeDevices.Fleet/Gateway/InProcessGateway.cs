using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Lighting.Model;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Fleet.Gateway;

/// <summary>
/// The real gateway (the same host the service runs) started inside the fleet runner on its embedded
/// defaults: embedded broker, SQLite buffer, /healthz and /metrics. Its state lives in a fresh directory
/// unless one is given, because a fresh fleet restarts its boot ids and sequences, which a buffer from an
/// earlier run would take for duplicates.
/// </summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _temporaryState;

    private InProcessGateway(WebApplication app, int brokerPort, string httpUrl, string stateDirectory, string? temporaryState)
    {
        _app = app;
        BrokerPort = brokerPort;
        HttpUrl = httpUrl;
        StateDirectory = stateDirectory;
        _temporaryState = temporaryState;
    }

    /// <summary>Where devices connect (on loopback).</summary>
    public int BrokerPort { get; }

    /// <summary>Where /healthz and /metrics answer.</summary>
    public string HttpUrl { get; }

    /// <summary>The buffer's directory.</summary>
    public string StateDirectory { get; }

    /// <summary>The buffer.</summary>
    public BufferStore Store => _app.Services.GetRequiredService<BufferStore>();

    /// <summary>Devices connected to the gateway's broker.</summary>
    public DevicePresence Presence => _app.Services.GetRequiredService<DevicePresence>();

    /// <summary>The latest stored message of each kind per device.</summary>
    public LatestReadings Latest => _app.Services.GetRequiredService<LatestReadings>();

    /// <summary>Starts the gateway on embedded defaults; the preferred ports are used when free.</summary>
    /// <param name="stateDirectory">The buffer's directory, or null for a fresh temporary one (removed at the end).</param>
    /// <param name="time">The gateway's clock (the emulation's, on a virtual clock).</param>
    /// <param name="quiet">Log only warnings and errors.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="standardPorts">Prefer 1883 and 8080 (a person's run); false takes any free ports (tests).</param>
    /// <param name="settings">Settings on top of the embedded defaults (a sink, say), as in gateway.json with ':' paths.</param>
    public static async Task<InProcessGateway> StartAsync(string? stateDirectory, TimeProvider time, bool quiet, CancellationToken cancellationToken, bool standardPorts = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var temporary = stateDirectory == null ? Directory.CreateTempSubdirectory("edgefleet-gateway-").FullName : null;
        var state = stateDirectory ?? temporary!;
        var brokerPort = PortOrFree(standardPorts ? 1883 : 0);
        var httpUrl = $"http://127.0.0.1:{PortOrFree(standardPorts ? 8080 : 0)}";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["stateDirectory"] = state,
            ["southbound:embedded:port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["http:urls"] = httpUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = ConfigurationReader.Read(configuration, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the gateway's embedded defaults are invalid: " + string.Join("; ", errors));
        }

        var app = GatewayHost.Build(options, configuration, services =>
        {
            services.AddSingleton(time);
            if (quiet)
            {
                // The runner prints its own summary; the gateway says only what went wrong.
                services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            }
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new InProcessGateway(app, brokerPort, httpUrl, state, temporary);
    }

    /// <summary>The gateway's services (for tests).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Registers a device's credentials, command key, role and position, as <c>edgectl provision</c> does.</summary>
    public void Register(string deviceId, string password, byte[]? commandKey = null, DeviceSite? site = null)
    {
        _app.Services.GetRequiredService<DeviceRegistry>().Register(deviceId, password);
        if (site != null)
        {
            _app.Services.GetRequiredService<DeviceSites>().Put(deviceId, site);
        }

        if (commandKey != null)
        {
            _app.Services.GetRequiredService<DeviceKeys>().Set(deviceId, commandKey);
        }
    }

    /// <summary>Registers a LoRaWAN device's DevEUI, command key, role and position, as <c>edgectl provision</c> does.</summary>
    public void RegisterLoRaWan(string deviceId, string devEui, byte[]? commandKey = null, DeviceSite? site = null)
    {
        _app.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices>().Register(deviceId, devEui);
        if (site != null)
        {
            _app.Services.GetRequiredService<DeviceSites>().Put(deviceId, site);
        }

        if (commandKey != null)
        {
            _app.Services.GetRequiredService<DeviceKeys>().Set(deviceId, commandKey);
        }
    }

    /// <summary>
    /// Puts street lights into the gateway's lighting model as one street on <paramref name="scheduleJson"/>'s
    /// profile (a schedule.json's programs and calendar), so the gateway distributes it to them as a signed command.
    /// </summary>
    public void AddStreet(string groupId, IEnumerable<(string DeviceId, int RatedWatts, double Latitude, double Longitude)> lamps, string scheduleJson)
    {
        var store = _app.Services.GetRequiredService<LightingStore>();
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(scheduleJson)!;
        foreach (var program in parsed["programs"]!.AsArray())
        {
            var steps = program!["steps"]?.AsArray().Select(step => new ProgramStepDefinition(step!["at"]!.GetValue<string>(), step["level"]!.GetValue<int>())).ToList();
            var id = program["id"]!.GetValue<int>();
            store.Put(new ControlProgramDefinition(
                id, $"program {id}", program["activeFrom"]?.GetValue<string>(), program["activeUntil"]?.GetValue<string>(), program["baseLevel"]?.GetValue<int>() ?? 100, steps));
        }

        store.Put(new CalendarDefinition(groupId, groupId, [], DefaultProgram: parsed["defaultProgram"]?.GetValue<int>()));
        store.Put(new LampGroupDefinition(groupId, groupId, groupId));
        foreach (var (deviceId, watts, latitude, longitude) in lamps)
        {
            var typeId = $"led-{watts}";
            if (store.LampType(typeId) == null)
            {
                store.Put(new LampTypeDefinition(typeId, $"LED {watts} W", watts));
            }

            store.Put(new LampDefinition(deviceId, typeId, groupId, latitude, longitude));
        }
    }

    /// <summary>Lamps that have acknowledged the schedule the gateway last sent them.</summary>
    public int LampsOnCurrentSchedule() => _app.Services.GetRequiredService<ScheduleDistributor>().States().Count(s => s.AckedVersion == s.Version && s.Version > 0);

    /// <summary>Messages of <paramref name="type"/> committed so far.</summary>
    public long Stored(MessageType type) => (long)Metrics.Ingested.WithLabels(WireNames.Of(type)).Value;

    /// <summary>Payloads quarantined so far.</summary>
    public long Quarantined => (long)Metrics.Quarantined.GetAllLabelValues().Sum(labels => Metrics.Quarantined.WithLabels(labels).Value);

    /// <summary>The latest state each lamp reported.</summary>
    public IReadOnlyList<LampStatus> LampStates() =>
        Latest.Of(MessageType.LampStatus).Select(r => (LampStatus)r.Message).ToList();

    /// <summary>The gateway's metrics.</summary>
    public GatewayMetrics Metrics => _app.Services.GetRequiredService<GatewayMetrics>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_temporaryState != null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_temporaryState, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleaning.
            }
        }
    }

    private static int PortOrFree(int preferred)
    {
        foreach (var port in preferred == 0 ? new[] { 0 } : new[] { preferred, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException) when (port != 0)
            {
                // Taken: use any free port.
            }
        }

        throw new InvalidOperationException("no free TCP port on loopback");
    }
}
