using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Firmware.Host.Tests;

/// <summary>
/// A powered emulated board on the real clock whose firmware idles, so a test can call the stand-ins as
/// that board's firmware would (in its context) and look at the hardware from outside.
/// </summary>
public sealed class OnBoard : IDisposable
{
    private readonly ManualResetEvent _idle = new(false);

    public OnBoard(string deviceId = "dev-test")
        : this(new HostClock(), deviceId)
    {
    }

    /// <summary>A board on <paramref name="clock"/>, whose idle firmware blocks outside the clock (it may be one whose sleeps return at once).</summary>
    public OnBoard(IWorldClock clock, string deviceId = "dev-test")
    {
        World = new EmulationWorld(clock);
        Board = World.CreateBoard(deviceId);
        Board.Firmware = () => _idle.WaitOne();
        Board.PowerOn();
    }

    public EmulationWorld World { get; }

    public EmulatedBoard Board { get; }

    /// <summary>Runs <paramref name="firmware"/> as the board's firmware.</summary>
    public T Run<T>(Func<T> firmware)
    {
        using var context = BoardContext.Enter(Board.Life);
        return firmware();
    }

    /// <summary>Runs <paramref name="firmware"/> as the board's firmware.</summary>
    public void Run(Action firmware)
    {
        using var context = BoardContext.Enter(Board.Life);
        firmware();
    }

    public void Dispose()
    {
        Board.CutPower();

        // The idle firmware ends with the board.
        _idle.Set();
    }
}
