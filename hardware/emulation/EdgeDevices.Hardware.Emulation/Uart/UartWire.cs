namespace EdgeDevices.Hardware.Emulation.Uart;

/// <summary>The part's end of a UART connection: what it sends lands in the board's UART routed to its line.</summary>
public sealed class UartWire
{
    private readonly BoardUarts _uarts;

    internal UartWire(BoardUarts uarts, int boardRxPin, int boardTxPin, int baudRate, IUartPart part)
    {
        _uarts = uarts;
        BoardRxPin = boardRxPin;
        BoardTxPin = boardTxPin;
        BaudRate = baudRate;
        Part = part;
    }

    /// <summary>The board pad the part transmits to.</summary>
    public int BoardRxPin { get; }

    /// <summary>The board pad the part listens to.</summary>
    public int BoardTxPin { get; }

    /// <summary>The part's line speed.</summary>
    public int BaudRate { get; }

    internal IUartPart Part { get; }

    /// <summary>Transmits to the board.</summary>
    public void Send(ReadOnlySpan<byte> data) => _uarts.FromPart(this, data);
}
