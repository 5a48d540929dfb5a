namespace EdgeDevices.Hardware.Emulation.Uart;

/// <summary>A part on a UART: receives what the board transmits to it.</summary>
public interface IUartPart
{
    /// <summary>Bytes the board sent on the part's RX line.</summary>
    void Receive(ReadOnlySpan<byte> data);
}
