using System.Net;
using System.Net.Sockets;
using EdgeDevices.Gateway;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>A gateway in the test process: its own state directory, ports the system picks, settings as the file would give them.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _expectedErrors = [];
    private CapturedLogs _logs = new();

    private TestGateway(WebApplication app, string stateDirectory, int brokerPort, int httpPort)
    {
        _app = app;
        StateDirectory = stateDirectory;
        BrokerPort = brokerPort;
        HttpPort = httpPort;
    }

    public string StateDirectory { get; }

    public int BrokerPort { get; }

    public int HttpPort { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Advances the gateway's fake clock while the command dispatcher waits between passes, and returns once it
    /// has made a pass at the new time: what falls due by then has been sent, and nothing else will be before
    /// the clock moves again. (Waits on the dispatcher, never on the wall clock.)
    /// </summary>
    public async Task AdvanceDispatcherAsync(FakeTimeProvider clock, TimeSpan by)
    {
        var dispatcher = Services.GetServices<IHostedService>().OfType<CommandDispatcher>().Single();
        await Eventually.TrueAsync(() => dispatcher.IsWaiting);
        clock.Advance(by);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await Eventually.TrueAsync(() => dispatcher.LastPassAtMs >= now && dispatcher.IsWaiting);
    }

    public BufferStore Store => Services.GetRequiredService<BufferStore>();

    public DeviceRegistry Registry => Services.GetRequiredService<DeviceRegistry>();

    /// <summary>Devices' roles and positions.</summary>
    public DeviceSites Sites => Services.GetRequiredService<DeviceSites>();

    /// <summary>A client of the gateway's REST API.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/") };

    /// <summary>Starts a gateway with <paramref name="settings"/> on top of embedded defaults.</summary>
    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null, string? stateDirectory = null, Action<IServiceCollection>? configure = null)
    {
        UnobservedTaskExceptions.Watch();
        var state = stateDirectory ?? Directory.CreateTempSubdirectory("edgedevices-gateway-").FullName;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["stateDirectory"] = state,
            // Port 0: the system picks free ports, read back once listening (no window for another process to take them).
            ["southbound:embedded:port"] = "0",
            ["http:urls"] = "http://127.0.0.1:0",
            ["sinks:retryFirstDelayMs"] = "100",
            ["sinks:retryMaxDelayMs"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = ConfigurationReader.Read(configuration, out var errors);
        Assert.Empty(errors);
        var captured = new CapturedLogs();
        var app = GatewayHost.Build(options, configuration, services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(captured);
            configure?.Invoke(services);
        });
        await app.StartAsync();
        // Devices publish only once the gateway receives: with an external broker it subscribes after start.
        await app.Services.GetRequiredService<SouthboundStatus>().WhenReady.WaitAsync(Eventually.HangLimit);
        var brokerPort = app.Services.GetService<EmbeddedBrokerService>()?.PlainPort ?? options.Southbound.Embedded.Port;
        var httpPort = new Uri(app.Urls.First()).Port;
        return new TestGateway(app, state, brokerPort, httpPort) { _logs = captured };
    }

    /// <summary>Settings for a gateway forwarding to an MQTT platform broker on <paramref name="port"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> WithMqttSink(int port, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Registers <paramref name="deviceId"/> and returns a connected device for it.</summary>
    public async Task<TestDevice> DeviceAsync(string deviceId, string password = "device-password-1")
    {
        Registry.Register(deviceId, password);
        return await TestDevice.ConnectAsync(BrokerPort, deviceId, password);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();

        // The 8 MB the gateway sets aside on its disk: hundreds of test gateways would fill /tmp with them.
        File.Delete(Path.Combine(StateDirectory, EdgeDevices.Gateway.Storage.DiskReserve.FileName));

        // A gateway that logged an error failed, whatever the test asserted (a request that threw, a loop that died).
        var errors = _logs.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        var unexpected = errors.Where(l => !_expectedErrors.Any(e => l.Contains(e, StringComparison.Ordinal))).ToList();
        if (unexpected.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"the gateway logged {unexpected.Count} error(s):\n" + string.Join("\n", unexpected));
        }

        // So did one whose task threw with nobody awaiting it.
        var unobserved = UnobservedTaskExceptions.TakeFrom("EdgeDevices.Gateway.");
        if (unobserved.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{unobserved.Count} exception(s) of gateway tasks nobody awaited:\n" + string.Join("\n", unobserved));
        }
    }

    /// <summary>Error log lines containing <paramref name="text"/> are what this test provokes, not a failure.</summary>
    public void ExpectErrors(string text) => _expectedErrors.Add(text);
}
