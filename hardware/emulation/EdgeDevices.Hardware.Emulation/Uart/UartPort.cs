using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Uart;

/// <summary>
/// The firmware's end of a UART (COMn): a bounded receive buffer filled by the part on the routed RX pad
/// (bytes beyond it are lost and counted, as a UART FIFO overruns), reads that wait on the board's clock,
/// and writes that go to the part on the routed TX pad.
/// </summary>
public sealed class UartPort
{
    private readonly BoardUarts _uarts;
    private readonly BoardLife _life;
    private readonly object _sync = new();
    private readonly Queue<byte> _received = new();
    private readonly ManualResetEvent _available = new(false);
    private bool _open = true;

    internal UartPort(BoardUarts uarts, BoardLife life, string name, int baudRate, int bufferSize)
    {
        _uarts = uarts;
        _life = life;
        Name = name;
        BaudRate = baudRate;
        BufferSize = bufferSize;
    }

    /// <summary>COM1…COM3.</summary>
    public string Name { get; }

    /// <summary>Line speed; bytes from a part at another speed arrive garbled.</summary>
    public int BaudRate { get; set; }

    /// <summary>Receive buffer size.</summary>
    public int BufferSize { get; set; }

    /// <summary>Bytes lost because the buffer was full.</summary>
    public long Overruns { get; private set; }

    /// <summary>Raised (on the part's thread, in the board's context) when bytes arrive.</summary>
    public event Action? DataReceived;

    /// <summary>Bytes waiting.</summary>
    public int BytesToRead
    {
        get
        {
            lock (_sync)
            {
                return _received.Count;
            }
        }
    }

    /// <summary>Whether the port is open.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_sync)
            {
                return _open;
            }
        }
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes, waiting up to <paramref name="timeoutMilliseconds"/>
    /// (-1: forever) for the first; returns 0 on timeout.
    /// </summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        _life.ThrowIfDead();
        if (count == 0)
        {
            return 0;
        }

        if (!_life.Clock.WaitFor(_available, timeoutMilliseconds))
        {
            return 0;
        }

        lock (_sync)
        {
            var n = 0;
            while (n < count && _received.Count > 0)
            {
                buffer[offset + n++] = _received.Dequeue();
            }

            if (_received.Count == 0)
            {
                _available.Reset();
            }

            return n;
        }
    }

    /// <summary>Throws away what is waiting.</summary>
    public void DiscardInBuffer()
    {
        lock (_sync)
        {
            _received.Clear();
            _available.Reset();
        }
    }

    /// <summary>Transmits to the part on the routed TX pad (lost if none is there).</summary>
    public void Write(byte[] buffer, int offset, int count)
    {
        _life.ThrowIfDead();
        _uarts.FromBoard(this, buffer.AsSpan(offset, count));
    }

    /// <summary>Closes the port.</summary>
    public void Close()
    {
        lock (_sync)
        {
            _open = false;
            _received.Clear();
        }

        _uarts.Closed(this);
    }

    internal void Deliver(ReadOnlySpan<byte> data)
    {
        lock (_sync)
        {
            if (!_open)
            {
                return;
            }

            foreach (var b in data)
            {
                if (_received.Count >= BufferSize)
                {
                    Overruns++;
                    continue;
                }

                _received.Enqueue(b);
            }

            if (_received.Count > 0)
            {
                _available.Set();
            }
        }

        var handler = DataReceived;
        if (handler != null)
        {
            _life.RunCallback(handler);
        }
    }

    internal void Kill()
    {
        lock (_sync)
        {
            _open = false;
            _received.Clear();
        }
    }
}
