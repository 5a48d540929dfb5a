using System.Text;
using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Uart;

namespace System.IO.Ports;

/// <summary>
/// Stand-in for nanoFramework's <c>SerialPort</c> on an ESP32 UART of the calling board: reads wait on the
/// board's clock and throw <see cref="TimeoutException"/> after <see cref="ReadTimeout"/> (infinite by
/// default, as on the device); the port only hears the part on the RX pad the pin matrix routes it to.
/// </summary>
public sealed class SerialPort : IDisposable
{
    private readonly BoardLife _life;
    private UartPort _port;
    private int _baudRate;
    private int _readBufferSize = BoardUarts.DefaultBufferSize;

    /// <summary>A port (not yet open).</summary>
    public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One)
    {
        _life = StandIn.Life;
        PortName = portName;
        _baudRate = baudRate;
        Parity = parity;
        DataBits = dataBits;
        StopBits = stopBits;
    }

    /// <summary>Raised when bytes arrive.</summary>
    public event SerialDataReceivedEventHandler DataReceived;

    /// <summary>COMn.</summary>
    public string PortName { get; }

    /// <summary>Line speed.</summary>
    public int BaudRate
    {
        get => _baudRate;
        set
        {
            _baudRate = value;
            if (_port != null)
            {
                _port.BaudRate = value;
            }
        }
    }

    /// <summary>Parity.</summary>
    public Parity Parity { get; set; }

    /// <summary>Data bits.</summary>
    public int DataBits { get; set; }

    /// <summary>Stop bits.</summary>
    public StopBits StopBits { get; set; }

    /// <summary>Handshake.</summary>
    public Handshake Handshake { get; set; }

    /// <summary>Normal or RS-485.</summary>
    public SerialMode Mode { get; set; }

    /// <summary>Read timeout, ms (-1: infinite).</summary>
    public int ReadTimeout { get; set; } = Timeout.Infinite;

    /// <summary>Write timeout, ms.</summary>
    public int WriteTimeout { get; set; } = Timeout.Infinite;

    /// <summary>Bytes before <see cref="DataReceived"/> fires.</summary>
    public int ReceivedBytesThreshold { get; set; } = 1;

    /// <summary>Receive buffer size.</summary>
    public int ReadBufferSize
    {
        get => _readBufferSize;
        set
        {
            _readBufferSize = value;
            if (_port != null)
            {
                _port.BufferSize = value;
            }
        }
    }

    /// <summary>Transmit buffer size.</summary>
    public int WriteBufferSize { get; set; } = 256;

    /// <summary>Line ending for <see cref="ReadLine"/> and <see cref="WriteLine"/>.</summary>
    public string NewLine { get; set; } = "\n";

    /// <summary>Character that raises <see cref="SerialData.WatchChar"/>.</summary>
    public char WatchChar { get; set; }

    /// <summary>Inverted signal levels.</summary>
    public bool InvertSignalLevels { get; set; }

    /// <summary>Whether open.</summary>
    public bool IsOpen => _port?.IsOpen == true;

    /// <summary>Bytes waiting.</summary>
    public int BytesToRead => Port.BytesToRead;

    /// <summary>Not emulated.</summary>
    public Stream BaseStream => throw new NotSupportedException("SerialPort.BaseStream is not emulated; use Read/Write");

    private UartPort Port => _port ?? throw new InvalidOperationException("the port is not open");

    /// <summary>The UARTs of an ESP32.</summary>
    public static string[] GetPortNames() => ["COM1", "COM2", "COM3"];

    /// <summary>Opens the port.</summary>
    public void Open()
    {
        _life.ThrowIfDead();
        _port = _life.Board.Uarts.Open(_life, PortName, _baudRate);
        _port.BufferSize = _readBufferSize;
        _port.DataReceived += () => DataReceived?.Invoke(this, new SerialDataReceivedEventArgs(SerialData.Chars));
    }

    /// <summary>Closes the port.</summary>
    public void Close()
    {
        _port?.Close();
        _port = null;
    }

    /// <summary>Closes the port.</summary>
    public void Dispose() => Close();

    /// <summary>Reads up to <paramref name="count"/> bytes; throws <see cref="TimeoutException"/> when none came in time.</summary>
    public int Read(byte[] buffer, int offset, int count)
    {
        var n = Port.Read(buffer, offset, count, ReadTimeout);
        if (n == 0 && count > 0)
        {
            throw new TimeoutException("serial read timed out");
        }

        return n;
    }

    /// <summary>Reads one byte.</summary>
    public int ReadByte()
    {
        var one = new byte[1];
        Read(one, 0, 1);
        return one[0];
    }

    /// <summary>Reads what is waiting, as UTF-8.</summary>
    public string ReadExisting()
    {
        var n = BytesToRead;
        if (n == 0)
        {
            return string.Empty;
        }

        var buffer = new byte[n];
        n = Port.Read(buffer, 0, n, 0);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Reads up to <see cref="NewLine"/>.</summary>
    public string ReadLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            line.Append((char)ReadByte());
            if (line.Length >= NewLine.Length && line.ToString(line.Length - NewLine.Length, NewLine.Length) == NewLine)
            {
                return line.ToString(0, line.Length - NewLine.Length);
            }
        }
    }

    /// <summary>Transmits bytes.</summary>
    public void Write(byte[] buffer, int offset, int count) => Port.Write(buffer, offset, count);

    /// <summary>Transmits one byte.</summary>
    public void WriteByte(byte value) => Write([value], 0, 1);

    /// <summary>Transmits text as UTF-8.</summary>
    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Write(bytes, 0, bytes.Length);
    }

    /// <summary>Transmits text and <see cref="NewLine"/>.</summary>
    public void WriteLine(string text) => Write(text + NewLine);
}
