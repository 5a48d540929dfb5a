using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Observation;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;
using EdgeDevices.Testing;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// One test's bench: a real mosquitto, a virtual clock, a world with the city's Wi-Fi, an observer on the
/// broker (the gateway's view), and the devices under test. Everything is torn down at the end.
/// </summary>
public sealed class HilBench : IAsyncDisposable
{
    private readonly List<EmulatedDevice> _devices = [];

    private HilBench(MosquittoBroker broker, VirtualClock clock, EmulationWorld world, BrokerObserver observer)
    {
        Broker = broker;
        Clock = clock;
        World = world;
        Observer = observer;
        Builder = new FleetBuilder(world).WithNetwork(broker.Address);
    }

    public MosquittoBroker Broker { get; }

    public VirtualClock Clock { get; }

    public EmulationWorld World { get; }

    public BrokerObserver Observer { get; }

    public FleetBuilder Builder { get; }

    /// <summary>A bench whose virtual clock starts at <paramref name="startUtc"/>.</summary>
    public static async Task<HilBench> StartAsync(DateTime startUtc)
    {
        var broker = MosquittoBroker.Start();
        var clock = new VirtualClock(startUtc);
        var world = new EmulationWorld(clock);
        var observer = await BrokerObserver.ConnectAsync("127.0.0.1", broker.Port);
        return new HilBench(broker, clock, world, observer);
    }

    /// <summary>Adds a device (not yet powered).</summary>
    public TDevice Add<TDevice>(DeviceRole role, string deviceId, Func<DeviceSpec, DeviceSpec>? template = null)
        where TDevice : EmulatedDevice
    {
        var device = Builder.AddOne<TDevice>(role, deviceId, Broker.Port, template);
        _devices.Add(device);
        return device;
    }

    /// <summary>Runs virtual time until <paramref name="condition"/> holds or the limit passes.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan limit, int stepMilliseconds = 1000) => Clock.RunUntil(condition, limit, stepMilliseconds);

    /// <summary>Decoded messages of one type a device published, in arrival order (duplicates included).</summary>
    public IReadOnlyList<T> Received<T>(string deviceId)
        where T : Message => [.. Observer.Messages.Where(m => m.DeviceId == deviceId).Select(m => m.Decoded).OfType<T>()];

    /// <summary>
    /// Decoded messages of one type, each once (at-least-once delivery can repeat a message; the gateway drops
    /// repeats by boot id and sequence, and so does this).
    /// </summary>
    public IReadOnlyList<T> ReceivedOnce<T>(string deviceId)
        where T : Message => [.. Received<T>(deviceId).DistinctBy(m => (m.BootId, m.Sequence))];

    /// <summary>Every decoded message a device published, in arrival order.</summary>
    public IReadOnlyList<Message> Received(string deviceId) =>
        [.. Observer.Messages.Where(m => m.DeviceId == deviceId).Select(m => m.Decoded).OfType<Message>()];

    /// <summary>Whether the device's last status is online.</summary>
    public bool IsOnline(string deviceId) => Observer.Of(deviceId, MqttTopics.Status).LastOrDefault()?.Text == "online";

    /// <summary>What a device logged and published, for an assertion's message.</summary>
    public string Describe(string deviceId)
    {
        var board = World.Boards.First(b => b.DeviceId == deviceId);
        var published = Observer.Messages.Where(m => m.DeviceId == deviceId)
            .Select(m => m.Decoded is { } d ? $"{d.Type} #{d.BootId}/{d.Sequence} @{UnixTime.ToDateTime(d.Timestamp):u}" : $"{m.Channel} {m.Text}");
        return $"\nvirtual time {Clock.UtcNow:u}\n--- log of {deviceId} ---\n{string.Join('\n', board.LogLines.TakeLast(40))}\n--- published ---\n{string.Join('\n', published.TakeLast(30))}";
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

        await Observer.DisposeAsync();
        Broker.Dispose();
    }
}
