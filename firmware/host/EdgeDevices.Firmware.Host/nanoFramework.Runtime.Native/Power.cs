using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Storage;

namespace nanoFramework.Runtime.Native;

/// <summary>Stand-in for nanoFramework's <c>RebootOption</c>.</summary>
[Flags]
public enum RebootOption
{
    /// <summary>Full reboot.</summary>
    NormalReboot = 0,

    /// <summary>Reboot into nanoBooter.</summary>
    EnterNanoBooter = 1,

    /// <summary>Restart the CLR only.</summary>
    ClrOnly = 2,

    /// <summary>Reboot into the vendor's bootloader.</summary>
    EnterProprietaryBooter = 8,
}

/// <summary>Stand-in for nanoFramework's <c>RebootEventHandler</c>.</summary>
public delegate void RebootEventHandler();

/// <summary>Stand-in for nanoFramework's <c>Power</c>: reboots the calling board.</summary>
public class Power
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EdgeDevices.Hardware.Emulation.Board.EmulatedBoard, Handlers> ByBoard = [];

    /// <summary>Raised just before a reboot of the calling device (each emulated board has its own subscribers).</summary>
    public static event RebootEventHandler OnRebootEvent
    {
        add
        {
            var handlers = ByBoard.GetValue(StandIn.Board, _ => new Handlers());
            lock (handlers)
            {
                handlers.Value += value;
            }
        }

        remove
        {
            if (ByBoard.TryGetValue(StandIn.Board, out var handlers))
            {
                lock (handlers)
                {
                    handlers.Value -= value;
                }
            }
        }
    }

    /// <summary>Reboots the device; never returns.</summary>
    public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => RebootDevice(-1, rebootOption);

    /// <summary>Reboots the device (after the execution constraint, which is not emulated); never returns.</summary>
    public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot)
    {
        var board = StandIn.Board;
        if (ByBoard.TryGetValue(board, out var handlers))
        {
            handlers.Value?.Invoke();
        }

        board.Reboot();
        throw new PowerLossException();
    }
}

internal sealed class Handlers
{
    public RebootEventHandler Value;
}

/// <summary>Stand-in for nanoFramework's <c>GC</c> (nanoFramework.Runtime.Native).</summary>
public static class GC
{
    /// <summary>Runs a collection; returns the free managed heap in bytes (the board's emulated figure).</summary>
    public static uint Run(bool compactHeap) => StandIn.Board.FreeHeapBytes;

    /// <summary>Heap dumps are not emulated.</summary>
    public static void EnableGCMessages(bool enable)
    {
    }
}
