using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Fleet.Firmware;

/// <summary>The firmware's log lines go to the emulated board's log (its "serial console").</summary>
public sealed class BoardLogSink(EmulatedBoard board) : ILogSink
{
    /// <inheritdoc />
    public void Write(string line) => board.Log(line);
}
