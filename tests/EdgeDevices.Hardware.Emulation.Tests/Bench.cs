using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Hardware.Emulation.Tests;

/// <summary>A world on a virtual clock with one board whose firmware idles.</summary>
internal sealed class Bench
{
    public Bench()
    {
        Clock = new VirtualClock(new DateTime(2026, 11, 24, 6, 0, 0, DateTimeKind.Utc));
        World = new EmulationWorld(Clock);
        Board = World.CreateBoard("bench");
        Board.Firmware = () =>
        {
            while (true)
            {
                BoardContext.Current.Clock.Sleep(60_000);
            }
        };
    }

    public VirtualClock Clock { get; }

    public EmulationWorld World { get; }

    public EmulatedBoard Board { get; }

    public void Run(long milliseconds) => Assert.True(Clock.RunFor(milliseconds, 30_000), "virtual time stuck");
}
