using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Uart;

/// <summary>
/// The board's UARTs and the parts wired to their pads. A port's RX and TX follow the pin matrix
/// (<c>COMn_RX</c>, <c>COMn_TX</c>) at the moment bytes move, so the firmware has to route the port to the
/// board's wiring before it hears anything.
/// </summary>
public sealed class BoardUarts
{
    /// <summary>nanoFramework's default receive buffer on ESP32.</summary>
    public const int DefaultBufferSize = 256;

    private readonly EmulatedBoard _board;
    private readonly object _sync = new();
    private readonly List<UartWire> _wires = [];
    private readonly Dictionary<string, UartPort> _ports = new(StringComparer.Ordinal);

    internal BoardUarts(EmulatedBoard board) => _board = board;

    /// <summary>Wires a part: it transmits to <paramref name="boardRxPin"/> and listens on <paramref name="boardTxPin"/>.</summary>
    public UartWire Attach(int boardRxPin, int boardTxPin, int baudRate, IUartPart part)
    {
        var wire = new UartWire(this, boardRxPin, boardTxPin, baudRate, part);
        lock (_sync)
        {
            _wires.Add(wire);
        }

        return wire;
    }

    /// <summary>Opens COMn for the firmware of <paramref name="life"/>.</summary>
    public UartPort Open(BoardLife life, string portName, int baudRate)
    {
        if (portName is not ("COM1" or "COM2" or "COM3"))
        {
            throw new ArgumentException($"no port {portName} on an ESP32 (COM1–COM3)", nameof(portName));
        }

        lock (_sync)
        {
            if (_ports.ContainsKey(portName))
            {
                throw new UnauthorizedAccessException($"{portName} is already open");
            }

            var port = new UartPort(this, life, portName, baudRate, DefaultBufferSize);
            _ports[portName] = port;
            return port;
        }
    }

    internal void Closed(UartPort port)
    {
        lock (_sync)
        {
            if (_ports.TryGetValue(port.Name, out var open) && open == port)
            {
                _ports.Remove(port.Name);
            }
        }
    }

    internal void FromPart(UartWire wire, ReadOnlySpan<byte> data)
    {
        UartPort? target = null;
        lock (_sync)
        {
            foreach (var port in _ports.Values)
            {
                if (_board.PinFunctions.PinOf(port.Name + "_RX") == wire.BoardRxPin)
                {
                    target = port;
                    break;
                }
            }
        }

        if (target == null)
        {
            return;
        }

        target.Deliver(target.BaudRate == wire.BaudRate ? data : Garble(data));
    }

    internal void FromBoard(UartPort port, ReadOnlySpan<byte> data)
    {
        var txPin = _board.PinFunctions.PinOf(port.Name + "_TX");
        UartWire? wire;
        lock (_sync)
        {
            wire = _wires.FirstOrDefault(w => w.BoardTxPin == txPin);
        }

        if (wire != null)
        {
            wire.Part.Receive(wire.BaudRate == port.BaudRate ? data : Garble(data));
        }
    }

    internal void PowerOff()
    {
        lock (_sync)
        {
            foreach (var port in _ports.Values)
            {
                port.Kill();
            }

            _ports.Clear();
        }
    }

    // Framing at the wrong speed: the receiver samples mid-bit and assembles other bytes.
    private static byte[] Garble(ReadOnlySpan<byte> data)
    {
        var garbled = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            garbled[i] = (byte)((data[i] * 37) ^ 0xA5);
        }

        return garbled;
    }
}
