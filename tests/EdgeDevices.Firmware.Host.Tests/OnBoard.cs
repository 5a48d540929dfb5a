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
    public OnBoard(string deviceId = "dev-test")
    {
        World = new EmulationWorld(new HostClock());
        Board = World.CreateBoard(deviceId);
        Board.Firmware = () =>
        {
            while (true)
            {
                BoardContext.Current.Clock.Sleep(60_000);
            }
        };
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

    public void Dispose() => Board.CutPower();
}
