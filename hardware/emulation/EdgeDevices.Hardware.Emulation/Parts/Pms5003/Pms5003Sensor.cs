using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Uart;

namespace EdgeDevices.Hardware.Emulation.Parts.Pms5003;

/// <summary>
/// A Plantower PMS5003 particle sensor on a UART (9600 8N1) with its SET line: in active mode it sends a
/// 32-byte frame every second while SET is high or left open (it has an internal pull-up) and the board
/// has power; SET low puts it to sleep with its fan off. It understands the host commands (0x42 0x4D,
/// command, data, checksum) for passive/active mode, a read in passive mode, and sleep/wake-up. A test
/// sets the concentrations, and can make a share of the frames, or the next few, arrive corrupted.
/// Hand-written: no served package models this sensor.
/// </summary>
public sealed class Pms5003Sensor : IUartPart
{
    /// <summary>Line speed.</summary>
    public const int BaudRate = 9600;

    private readonly EmulatedBoard _board;
    private readonly int _setPin;
    private readonly UartWire _wire;
    private readonly Random _random;
    private readonly List<byte> _command = [];
    private readonly object _sync = new();
    private int _corruptNext;
    private bool _passive;
    private bool _sleepCommanded;

    /// <summary>
    /// A sensor whose TX goes to <paramref name="boardRxPin"/>, RX listens on <paramref name="boardTxPin"/>,
    /// and SET is wired to <paramref name="setPin"/> (-1: not wired, always running).
    /// </summary>
    public Pms5003Sensor(EmulatedBoard board, int boardRxPin, int boardTxPin, int setPin, int seed = 1)
    {
        _board = board;
        _setPin = setPin;
        _random = new Random(seed);
        _wire = board.Uarts.Attach(boardRxPin, boardTxPin, BaudRate, this);
        board.PowerChanged += on =>
        {
            lock (_sync)
            {
                _passive = false;
                _sleepCommanded = false;
                _command.Clear();
            }
        };
        board.World.Scheduler.Every(1000, 1000 + seed % 1000, Tick);
    }

    /// <summary>PM1.0, µg/m³ (atmospheric environment).</summary>
    public int Pm1 { get; set; } = 5;

    /// <summary>PM2.5, µg/m³.</summary>
    public int Pm25 { get; set; } = 8;

    /// <summary>PM10, µg/m³.</summary>
    public int Pm10 { get; set; } = 12;

    /// <summary>Share of frames (0–1) sent corrupted, chosen at random.</summary>
    public double CorruptionRate { get; set; }

    /// <summary>Frames sent.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Frames sent corrupted.</summary>
    public long FramesCorrupted { get; private set; }

    /// <summary>Whether the fan runs and frames flow (SET high or open, not commanded to sleep, board powered).</summary>
    public bool IsRunning
    {
        get
        {
            var set = _setPin < 0 ? null : _board.Gpio.FirmwareOutput(_setPin);
            lock (_sync)
            {
                return _board.IsPoweredOn && set != false && !_sleepCommanded;
            }
        }
    }

    /// <summary>Sends the next <paramref name="frames"/> frames corrupted, cycling through the kinds of damage.</summary>
    public void CorruptNext(int frames)
    {
        lock (_sync)
        {
            _corruptNext = frames;
        }
    }

    /// <inheritdoc />
    public void Receive(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            bool sendFrame;
            lock (_sync)
            {
                sendFrame = Accept(b);
            }

            if (sendFrame)
            {
                Send();
            }
        }
    }

    private void Tick()
    {
        bool passive;
        lock (_sync)
        {
            passive = _passive;
        }

        if (!passive && IsRunning)
        {
            Send();
        }
    }

    // Collects a 7-byte host command; true when it asks for a frame now (a passive-mode read).
    private bool Accept(byte b)
    {
        if (_command.Count == 0 && b != Pms5003Frame.Start1)
        {
            return false;
        }

        if (_command.Count == 1 && b != Pms5003Frame.Start2)
        {
            _command.Clear();
            return false;
        }

        _command.Add(b);
        if (_command.Count < 7)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += _command[i];
        }

        var valid = ((_command[5] << 8) | _command[6]) == sum;
        var command = _command[2];
        var data = _command[4];
        _command.Clear();
        if (!valid)
        {
            return false;
        }

        switch (command)
        {
            case 0xE1:
                _passive = data == 0;
                return false;
            case 0xE2:
                return _passive && !_sleepCommanded;
            case 0xE4:
                _sleepCommanded = data == 0;
                return false;
            default:
                return false;
        }
    }

    private void Send()
    {
        var frame = new Pms5003Frame
        {
            Pm1 = (ushort)Pm1,
            Pm25 = (ushort)Pm25,
            Pm10 = (ushort)Pm10,
            Pm1Factory = (ushort)Pm1,
            Pm25Factory = (ushort)Pm25,
            Pm10Factory = (ushort)Pm10,
            Count03 = (ushort)Math.Min(65535, Pm25 * 130),
            Count05 = (ushort)Math.Min(65535, Pm25 * 40),
            Count10 = (ushort)Math.Min(65535, Pm25 * 8),
            Count25 = (ushort)Math.Min(65535, Pm10 / 2),
            Count50 = (ushort)Math.Min(65535, Pm10 / 8),
            Count100 = (ushort)Math.Min(65535, Pm10 / 20),
        };
        var bytes = new byte[Pms5003Frame.Size];
        frame.WriteTo(bytes, 0);

        Pms5003Corruption? damage = null;
        lock (_sync)
        {
            if (_corruptNext > 0)
            {
                damage = (Pms5003Corruption)(_corruptNext-- % 3);
            }
            else if (CorruptionRate > 0 && _random.NextDouble() < CorruptionRate)
            {
                damage = (Pms5003Corruption)_random.Next(3);
            }

            FramesSent++;
            if (damage != null)
            {
                FramesCorrupted++;
            }
        }

        switch (damage)
        {
            case Pms5003Corruption.BitFlip:
                bytes[4 + _random.Next(24)] ^= (byte)(1 << _random.Next(8));
                _wire.Send(bytes);
                break;
            case Pms5003Corruption.Truncated:
                _wire.Send(bytes.AsSpan(0, 5 + _random.Next(20)));
                break;
            case Pms5003Corruption.LeadingNoise:
                _wire.Send([0x00, Pms5003Frame.Start1, 0x13, Pms5003Frame.Start1, Pms5003Frame.Start2, 0x00, 0x1C, 0xFF]);
                _wire.Send(bytes);
                break;
            default:
                _wire.Send(bytes);
                break;
        }
    }
}
