using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Hardware.Emulation.Timing;

/// <summary>The clock every emulated board and part shares: virtual in most tests, real in the fleet runner.</summary>
public interface IWorldClock : IClock
{
    /// <summary>Waits until one of <paramref name="signals"/> is set (its index) or the time has passed (-1).</summary>
    int WaitForAny(ManualResetEvent[] signals, int milliseconds);

    /// <summary>
    /// Marks real-time work in progress that the emulated world must wait for (a packet on its way to a
    /// real broker and its acknowledgement): a virtual clock does not move until the hold is disposed.
    /// </summary>
    IDisposable HoldTime();
}
