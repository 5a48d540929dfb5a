using System.Collections.Concurrent;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Network;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Hardware.Emulation.World;

/// <summary>
/// Everything emulated devices share: the clock (virtual in tests, real in the fleet runner), the thread
/// that runs the parts' timed behaviour, and the network (Wi-Fi access points, host names, the link to a
/// real broker). Boards are created in a world.
/// </summary>
public sealed class EmulationWorld
{
    private readonly ConcurrentDictionary<string, EmulatedBoard> _boards = new(StringComparer.Ordinal);

    /// <summary>A world on <paramref name="clock"/>.</summary>
    public EmulationWorld(IWorldClock clock)
    {
        Clock = clock;
        Scheduler = new PartScheduler(clock);
        Network = new EmulatedNetwork(this);
    }

    /// <summary>The shared clock.</summary>
    public IWorldClock Clock { get; }

    /// <summary>Timed behaviour of the parts.</summary>
    public PartScheduler Scheduler { get; }

    /// <summary>Wi-Fi, DNS and the way out to real servers.</summary>
    public EmulatedNetwork Network { get; }

    /// <summary>The LoRaWAN network the boards' modems reach (an emulated network server), or null: no coverage.</summary>
    public LoRaWan.ILoRaNetwork? LoRa { get; set; }

    /// <summary>The boards created so far.</summary>
    public IReadOnlyCollection<EmulatedBoard> Boards => (IReadOnlyCollection<EmulatedBoard>)_boards.Values;

    /// <summary>
    /// Receives every line any board's firmware logs (device id, line); null keeps logs on the boards only.
    /// </summary>
    public Action<string, string>? LogSink { get; set; }

    /// <summary>A new, unpowered board with an erased flash.</summary>
    public EmulatedBoard CreateBoard(string deviceId)
    {
        var board = new EmulatedBoard(this, deviceId);
        if (!_boards.TryAdd(deviceId, board))
        {
            throw new InvalidOperationException($"a board '{deviceId}' already exists in this world");
        }

        return board;
    }
}
