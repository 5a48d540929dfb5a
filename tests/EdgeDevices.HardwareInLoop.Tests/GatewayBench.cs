using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// A bench with the real gateway instead of a bare broker: the gateway runs in-process on the emulation's
/// virtual clock, devices connect to its embedded broker, and the test drives it through its REST API as
/// an operator (or the dashboard) would. The gateway can be stopped mid-test while the devices run on.
/// </summary>
public sealed class GatewayBench : IAsyncDisposable
{
    private readonly List<EmulatedDevice> _devices = [];

    private GatewayBench(InProcessGateway gateway, VirtualClock clock, EmulationWorld world)
    {
        Gateway = gateway;
        Clock = clock;
        World = world;
        Builder = new FleetBuilder(world).WithNetwork(System.Net.IPAddress.Loopback);
        Http = new HttpClient { BaseAddress = new Uri(gateway.HttpUrl) };
    }

    public InProcessGateway Gateway { get; }

    public VirtualClock Clock { get; }

    public EmulationWorld World { get; }

    public FleetBuilder Builder { get; }

    /// <summary>The gateway's REST API.</summary>
    public HttpClient Http { get; }

    /// <summary>Whether the gateway has been stopped.</summary>
    public bool GatewayStopped { get; private set; }

    /// <summary>A bench whose virtual clock starts at <paramref name="startUtc"/>.</summary>
    public static async Task<GatewayBench> StartAsync(DateTime startUtc, IReadOnlyDictionary<string, string?>? settings = null)
    {
        UnobservedTaskExceptions.Watch();
        var clock = new VirtualClock(startUtc);
        var world = new EmulationWorld(clock);
        var gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(clock), quiet: true, CancellationToken.None, standardPorts: false, settings);
        return new GatewayBench(gateway, clock, world);
    }

    /// <summary>
    /// Adds a device registered with the gateway (credentials and command key), not yet powered. It connects to
    /// the gateway's embedded broker, or to the external broker on <paramref name="brokerPort"/>.
    /// </summary>
    public TDevice Add<TDevice>(DeviceRole role, string deviceId, Func<DeviceSpec, DeviceSpec>? template = null, int? brokerPort = null)
        where TDevice : EmulatedDevice
    {
        var device = Builder.AddOne<TDevice>(role, deviceId, brokerPort ?? Gateway.BrokerPort, template);
        Gateway.Register(deviceId, device.Spec.MqttPassword, Convert.FromHexString(device.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(deviceId)));
        _devices.Add(device);
        return device;
    }

    /// <summary>
    /// Adds a LoRaWAN device: known to <paramref name="network"/> (as an operator registers it in ChirpStack) and
    /// to the gateway (DevEUI and command key); not yet powered.
    /// </summary>
    public TDevice AddLoRaWan<TDevice>(DeviceRole role, string deviceId, EdgeDevices.Fleet.LoRaWan.ChirpStackEmulator network, Func<DeviceSpec, DeviceSpec>? template = null)
        where TDevice : EmulatedDevice
    {
        var device = Builder.AddOne<TDevice>(role, deviceId, Gateway.BrokerPort, s =>
        {
            var spec = s with { LoRaWan = LoRaWanSpec.For(deviceId) };
            return template == null ? spec : template(spec);
        });
        var identity = device.Spec.LoRaWan!;
        network.AddDevice(identity.DevEui, identity.AppKey, deviceId);
        // With its role, as edgectl provision registers it: a meter is personal data before its first reading.
        Gateway.RegisterLoRaWan(deviceId, identity.DevEui, Convert.FromHexString(device.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(deviceId)), new DeviceSite(device.Spec.RoleName, null));
        _devices.Add(device);
        return device;
    }

    /// <summary>Runs virtual time until <paramref name="condition"/> holds or the limit passes.</summary>
    /// <remarks>
    /// The gateway works on real threads (its clock reads virtual time, but nothing holds virtual time for
    /// it), so each step leaves it a few real milliseconds to act on what the devices did.
    /// </remarks>
    public bool RunUntil(Func<bool> condition, TimeSpan limit, int stepMilliseconds = 1000) =>
        Clock.RunUntil(() => { Thread.Sleep(5); return condition(); }, limit, stepMilliseconds);

    /// <summary>Runs virtual time to <paramref name="utc"/>.</summary>
    public void RunTo(DateTime utc, int stepMilliseconds = 10_000) =>
        Assert.True(Clock.RunUntil(() => Clock.UtcNow >= utc, (utc - Clock.UtcNow) + TimeSpan.FromMinutes(1), stepMilliseconds), $"virtual time stuck at {Clock.UtcNow:u}");

    /// <summary>PUTs <paramref name="body"/> to the API; fails the test on an error status.</summary>
    public async Task PutAsync(string path, object body)
    {
        var response = await Http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Puts an avenue into the lighting model, as an operator does: a 100 W LED type, a program dimming from
    /// 23:00, a calendar with it every night, the group "avenue" and the given lamps in it (in Astana).
    /// </summary>
    public async Task PutStreetAsync(params string[] deviceIds)
    {
        await PutAsync("/api/lighting/lamp-types/led-100", new { name = "LED 100 W", ratedWatts = 100, minLevel = 10 });
        await PutAsync("/api/lighting/programs/1", new
        {
            name = "midnight dimming",
            activeFrom = "sunset-10",
            activeUntil = "sunrise+10",
            baseLevel = 100,
            steps = new[] { new { at = "23:00", level = 70 }, new { at = "01:00", level = 50 }, new { at = "05:00", level = 100 } },
        });
        await PutAsync("/api/lighting/calendars/city", new { name = "every night", rules = new[] { new { program = 1 } } });
        await PutAsync("/api/lighting/groups/avenue", new { name = "Avenue", calendarId = "city" });
        foreach (var deviceId in deviceIds)
        {
            await PutAsync($"/api/lighting/lamps/{deviceId}", new { lampTypeId = "led-100", groupId = "avenue", latitude = 51.1694, longitude = 71.4491 });
        }
    }

    /// <summary>GETs JSON from the API.</summary>
    public JsonNode Get(string path) => JsonNode.Parse(Http.GetStringAsync(path).GetAwaiter().GetResult())!;

    /// <summary>Stops the gateway; the devices run on without it.</summary>
    public async Task StopGatewayAsync()
    {
        await Gateway.DisposeAsync();
        GatewayStopped = true;
    }

    /// <summary>What a device logged, for an assertion's message.</summary>
    public string Describe(string deviceId)
    {
        var board = World.Boards.First(b => b.DeviceId == deviceId);
        return $"\nvirtual time {Clock.UtcNow:u}\n--- log of {deviceId} ---\n{string.Join('\n', board.LogLines.TakeLast(30))}";
    }

    /// <summary>Firmware crashes on every board (each must be none).</summary>
    public IReadOnlyList<string> Crashes() =>
        [.. _devices.SelectMany(d => d.Board.Crashes.Select(c => $"{d.DeviceId}: {c}"))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            device.CutPower();
        }

        Http.Dispose();
        if (!GatewayStopped)
        {
            await Gateway.DisposeAsync();
        }

        // A gateway task that threw with nobody awaiting it fails the test, as in the gateway's own tests.
        var unobserved = UnobservedTaskExceptions.TakeFrom("EdgeDevices.Gateway.");
        if (unobserved.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{unobserved.Count} exception(s) of gateway tasks nobody awaited:\n" + string.Join("\n", unobserved));
        }
    }

    /// <summary>Reads a JSON number as a double.</summary>
    public static double Number(JsonNode? node) => node!.GetValue<double>();
}
