using EdgeDevices.Firmware.AirQuality.Sds011;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Uart;

namespace EdgeDevices.Hardware.Emulation.Parts.Sds011;

/// <summary>
/// A Nova Fitness SDS011 particle sensor on a UART (9600 8N1). It has no SET line: it sleeps and works, sets its
/// reporting mode and its working period by the 19-byte host commands of its control protocol (V1.3), answers
/// each with a 10-byte AA C5 reply, and ignores commands with a bad checksum or addressed to another sensor.
/// Working in active mode it sends a measurement frame every second; in query mode one per query-data command.
/// Asleep (fan and laser off) it answers only the sleep/work command, as the real sensor does. A working
/// period of n minutes runs the laser 30 s and sends one frame at the end, then sleeps for the rest of n
/// minutes. Reporting mode and working period survive a power cycle (the sensor keeps them in flash); sleep
/// does not. <see cref="LaserHours"/> counts how long the laser has run: its datasheet rates it for 8000 hours,
/// less than a year without a break. Hand-written: no served package models this sensor.
/// </summary>
public sealed class Sds011Sensor : IUartPart
{
    /// <summary>Line speed.</summary>
    public const int BaudRate = 9600;

    /// <summary>Laser service life the datasheet gives, hours.</summary>
    public const double RatedLaserHours = 8000;

    // The datasheet's duty cycle: 30 s of measuring at the start of each working period.
    private const long WorkingPhaseMs = 30_000;

    private readonly EmulatedBoard _board;
    private readonly UartWire _wire;
    private readonly List<byte> _command = [];
    private readonly object _sync = new();
    private bool _sleeping;
    private bool _queryMode;
    private int _periodMinutes;
    private long _periodStart;
    private long _laserMs;
    private long _laserSince = -1;

    /// <summary>A sensor whose TX goes to <paramref name="boardRxPin"/> and RX listens on <paramref name="boardTxPin"/>.</summary>
    public Sds011Sensor(EmulatedBoard board, int boardRxPin, int boardTxPin, int sensorId = 0x60A1)
    {
        _board = board;
        SensorId = sensorId & 0xFFFF;
        _wire = board.Uarts.Attach(boardRxPin, boardTxPin, BaudRate, this);
        board.PowerChanged += on =>
        {
            lock (_sync)
            {
                _sleeping = false;
                _command.Clear();
                _periodStart = Now;
                UpdateLaser();
            }
        };
        board.World.Scheduler.Every(1000, 1000 + SensorId % 1000, Tick);
    }

    /// <summary>The sensor's id, as its frames carry it (first byte low).</summary>
    public int SensorId { get; }

    /// <summary>PM2.5, µg/m³ (sent in tenths).</summary>
    public double Pm25 { get; set; } = 8;

    /// <summary>PM10, µg/m³.</summary>
    public double Pm10 { get; set; } = 12;

    /// <summary>Firmware date the sensor reports (year since 2000, month, day).</summary>
    public (byte Year, byte Month, byte Day) Firmware { get; set; } = (15, 7, 10);

    /// <summary>Measurement frames sent.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Commands accepted (checksum right, addressed to this sensor or to all).</summary>
    public long CommandsAccepted { get; private set; }

    /// <summary>Commands ignored for a bad checksum, a wrong id or while asleep.</summary>
    public long CommandsIgnored { get; private set; }

    /// <summary>Sleep commands accepted.</summary>
    public long SleepsCommanded { get; private set; }

    /// <summary>Whether it is asleep by command.</summary>
    public bool IsSleeping
    {
        get
        {
            lock (_sync)
            {
                return _sleeping;
            }
        }
    }

    /// <summary>Whether the fan and laser run now.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_sync)
            {
                return LaserOn();
            }
        }
    }

    /// <summary>Query mode (true) or active mode.</summary>
    public bool QueryMode
    {
        get
        {
            lock (_sync)
            {
                return _queryMode;
            }
        }
    }

    /// <summary>Working period, minutes (0: continuous).</summary>
    public int WorkingPeriodMinutes
    {
        get
        {
            lock (_sync)
            {
                return _periodMinutes;
            }
        }
    }

    /// <summary>Hours the laser has run so far.</summary>
    public double LaserHours
    {
        get
        {
            lock (_sync)
            {
                var ms = _laserMs + (_laserSince >= 0 ? Now - _laserSince : 0);
                return ms / 3_600_000.0;
            }
        }
    }

    private long Now => _board.World.Clock.UptimeMilliseconds;

    /// <inheritdoc />
    public void Receive(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            byte[]? reply;
            lock (_sync)
            {
                reply = Accept(b);
            }

            if (reply != null)
            {
                _wire.Send(reply);
            }
        }
    }

    private void Tick()
    {
        bool send;
        lock (_sync)
        {
            UpdateLaser();
            if (!_board.IsPoweredOn || _sleeping || _queryMode)
            {
                send = false;
            }
            else if (_periodMinutes == 0)
            {
                send = true;
            }
            else
            {
                // One frame at the end of the 30 s working phase of each period.
                var intoPeriod = (Now - _periodStart) % (_periodMinutes * 60_000L);
                send = intoPeriod >= WorkingPhaseMs && intoPeriod < WorkingPhaseMs + 1000;
            }
        }

        if (send)
        {
            SendMeasurement();
        }
    }

    // Collects a 19-byte host command; the reply to send when one completes and is for this sensor.
    private byte[]? Accept(byte b)
    {
        if (_command.Count == 0 && b != Sds011Frame.Head)
        {
            return null;
        }

        if (_command.Count == 1 && b != Sds011Command.Command)
        {
            _command.Clear();
            return b == Sds011Frame.Head ? Accept(b) : null;
        }

        _command.Add(b);
        if (_command.Count < Sds011Command.Size)
        {
            return null;
        }

        var bytes = _command.ToArray();
        _command.Clear();
        if (!_board.IsPoweredOn
            || !Sds011Command.TryRead(bytes, 0, out var id, out var set, out var value, out var target)
            || (target != Sds011Command.AnySensor && target != SensorId)
            || (_sleeping && id != Sds011Command.SleepWork))
        {
            CommandsIgnored++;
            return null;
        }

        CommandsAccepted++;
        var reply = new byte[Sds011Command.ReplySize];
        switch (id)
        {
            case Sds011Command.SleepWork:
                if (set == 1)
                {
                    _sleeping = value == 0;
                    SleepsCommanded += _sleeping ? 1 : 0;
                    _periodStart = Now;
                    UpdateLaser();
                }

                Sds011Command.WriteReply(reply, 0, id, set, _sleeping ? (byte)0 : (byte)1, 0, SensorId);
                return reply;
            case Sds011Command.ReportingMode:
                if (set == 1)
                {
                    _queryMode = value == 1;
                }

                Sds011Command.WriteReply(reply, 0, id, set, _queryMode ? (byte)1 : (byte)0, 0, SensorId);
                return reply;
            case Sds011Command.WorkingPeriod:
                if (set == 1 && value <= Sds011Command.MaxWorkingPeriodMinutes)
                {
                    _periodMinutes = value;
                    _periodStart = Now;
                    UpdateLaser();
                }

                Sds011Command.WriteReply(reply, 0, id, set, (byte)_periodMinutes, 0, SensorId);
                return reply;
            case Sds011Command.FirmwareVersion:
                Sds011Command.WriteReply(reply, 0, id, Firmware.Year, Firmware.Month, Firmware.Day, SensorId);
                return reply;
            case Sds011Command.QueryData:
                return Measurement();
            default:
                return null;
        }
    }

    private void SendMeasurement()
    {
        byte[] frame;
        lock (_sync)
        {
            frame = Measurement();
        }

        _wire.Send(frame);
    }

    private byte[] Measurement()
    {
        var frame = new byte[Sds011Frame.Size];
        new Sds011Frame
        {
            Pm25Tenths = (int)Math.Clamp(Math.Round(Pm25 * 10), 0, 9999),
            Pm10Tenths = (int)Math.Clamp(Math.Round(Pm10 * 10), 0, 9999),
            DeviceId = SensorId,
        }.WriteTo(frame, 0);
        FramesSent++;
        return frame;
    }

    private bool LaserOn()
    {
        if (!_board.IsPoweredOn || _sleeping)
        {
            return false;
        }

        return _periodMinutes == 0 || (Now - _periodStart) % (_periodMinutes * 60_000L) < WorkingPhaseMs;
    }

    // Books laser time up to now and notes whether it runs from here on.
    private void UpdateLaser()
    {
        if (_laserSince >= 0)
        {
            _laserMs += Now - _laserSince;
        }

        _laserSince = LaserOn() ? Now : -1;
    }
}
