using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Firmware.Host;

/// <summary>Where every stand-in finds the hardware of the device that calls it.</summary>
internal static class StandIn
{
    /// <summary>The calling firmware's board life (throws <c>PowerLossException</c> if it has ended).</summary>
    public static BoardLife Life
    {
        get
        {
            var life = BoardContext.Current;
            life.ThrowIfDead();
            return life;
        }
    }

    /// <summary>The calling firmware's board.</summary>
    public static EmulatedBoard Board => Life.Board;
}
