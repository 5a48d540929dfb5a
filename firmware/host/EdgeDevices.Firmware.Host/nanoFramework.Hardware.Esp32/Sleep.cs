using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Storage;

namespace nanoFramework.Hardware.Esp32;

/// <summary>Stand-in for nanoFramework's <c>EspNativeError</c> (the codes the stand-ins return).</summary>
public enum EspNativeError
{
    /// <summary>Success.</summary>
    OK = 0,

    /// <summary>Failure.</summary>
    FAIL = -1,

    /// <summary>Invalid argument.</summary>
    INVALID_ARG = 0x102,
}

/// <summary>Stand-in for nanoFramework's ESP32 <c>Sleep</c> (timer wake-up and deep sleep).</summary>
public class Sleep
{
    /// <summary>Why the chip woke (the members of nanoFramework's enum).</summary>
    public enum WakeupCause
    {
#pragma warning disable CS1591
        Undefined, Ext0, Ext1, Timer, TouchPad, Ulp, Gpio, Uart, Wifi, CoCpu, CoCpuTrapTrig, Bt,
#pragma warning restore CS1591
    }

    /// <summary>Arms the timer that ends the next deep sleep.</summary>
    public static EspNativeError EnableWakeupByTimer(TimeSpan time)
    {
        if (time <= TimeSpan.Zero)
        {
            return EspNativeError.INVALID_ARG;
        }

        WakeTimers.AddOrUpdate(StandIn.Board, new WakeTimer(time));
        return EspNativeError.OK;
    }

    /// <summary>Enters deep sleep: never returns; the device boots again when a wake-up source fires.</summary>
    public static void StartDeepSleep()
    {
        var board = StandIn.Board;
        long? after = WakeTimers.TryGetValue(board, out var timer) ? (long)timer.After.TotalMilliseconds : null;
        board.DeepSleep(after);
        throw new PowerLossException();
    }

    /// <summary>Why the running boot started.</summary>
    public static WakeupCause GetWakeupCause() =>
        StandIn.Board.WakeCause == BoardWakeCause.Timer ? WakeupCause.Timer : WakeupCause.Undefined;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EmulatedBoard, WakeTimer> WakeTimers = [];

    private sealed record WakeTimer(TimeSpan After);
}
