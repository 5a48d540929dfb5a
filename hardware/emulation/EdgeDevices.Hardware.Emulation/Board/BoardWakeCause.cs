namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>Why the board's current life started.</summary>
public enum BoardWakeCause
{
    /// <summary>Power-on or reset (not a wake from deep sleep).</summary>
    Reset,

    /// <summary>The deep-sleep timer woke it.</summary>
    Timer,
}
