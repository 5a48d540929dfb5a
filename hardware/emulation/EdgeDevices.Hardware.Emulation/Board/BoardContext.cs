namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>
/// Which emulated board (and which of its lives) the running firmware code belongs to. The host stand-ins
/// of nanoFramework APIs (GPIO, I2C, serial, MQTT…) look it up, so one process can run many devices: the
/// value flows into every thread and task a device starts.
/// </summary>
public static class BoardContext
{
    private static readonly AsyncLocal<BoardLife?> Ambient = new();

    /// <summary>The life of the board the calling firmware code runs on.</summary>
    public static BoardLife Current =>
        Ambient.Value ?? throw new InvalidOperationException(
            "no emulated board: nanoFramework stand-ins only work in firmware started by an EmulatedBoard");

    /// <summary>Whether the calling code runs on an emulated board.</summary>
    public static bool IsSet => Ambient.Value != null;

    /// <summary>Runs the calling code as part of <paramref name="life"/> until disposed.</summary>
    public static IDisposable Enter(BoardLife life)
    {
        var previous = Ambient.Value;
        Ambient.Value = life;
        return new Restore(previous);
    }

    private sealed class Restore(BoardLife? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
