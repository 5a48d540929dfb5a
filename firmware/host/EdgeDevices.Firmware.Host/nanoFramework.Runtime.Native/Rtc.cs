using EdgeDevices.Firmware.Host;

namespace nanoFramework.Runtime.Native;

/// <summary>Stand-in for nanoFramework's <c>Rtc</c>: sets the calling board's real-time clock.</summary>
public static class Rtc
{
    /// <summary>Sets the system time (UTC); true when set.</summary>
    public static bool SetSystemTime(DateTime dt)
    {
        StandIn.Life.Board.SetRtc(dt.ToUniversalTime());
        return true;
    }
}
