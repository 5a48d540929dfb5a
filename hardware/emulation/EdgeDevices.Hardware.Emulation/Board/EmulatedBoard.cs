using EdgeDevices.Hardware.Emulation.Gpio;
using EdgeDevices.Hardware.Emulation.I2c;
using EdgeDevices.Hardware.Emulation.Network;
using EdgeDevices.Hardware.Emulation.Pwm;
using EdgeDevices.Hardware.Emulation.Storage;
using EdgeDevices.Hardware.Emulation.Uart;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>
/// An emulated ESP32 board: its flash (which keeps its contents), its peripherals (GPIO, PWM, I2C buses,
/// UARTs, the pin matrix that routes them, a Wi-Fi station) with the parts wired to them, and its power.
/// <see cref="PowerOn"/> starts <see cref="Firmware"/> on a fresh <see cref="BoardLife"/>, as a reset runs
/// <c>Main</c>; <see cref="CutPower"/> stops every firmware thread wherever it is, resets the peripherals
/// and keeps only what the flash holds. A software reboot (the firmware's <c>Power.RebootDevice</c>) does
/// the same but keeps the RTC running.
/// </summary>
public sealed class EmulatedBoard
{
    /// <summary>How long a software reboot takes before <c>Main</c> runs again.</summary>
    public const int RebootMilliseconds = 500;

    private static readonly DateTime RtcResetValue = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int LogLinesKept = 400;

    private readonly object _sync = new();
    private readonly List<Exception> _crashes = [];
    private readonly Queue<string> _log = new();
    private BoardLife? _life;
    private int _lives;
    private bool _rtcSet;
    private TimeSpan _rtcOffset;

    internal EmulatedBoard(EmulationWorld world, string deviceId)
    {
        World = world;
        DeviceId = deviceId;
        Flash = new EmulatedFiles();
        Flash.PowerFailed += () => EndLife(cold: true, reboot: false);
        PinFunctions = new PinFunctions();
        Gpio = new BoardGpio();
        Pwm = new BoardPwm(this);
        I2c = new BoardI2c(this);
        Uarts = new BoardUarts(this);
        Wifi = new WifiStation(this);
    }

    /// <summary>The world the board lives in.</summary>
    public EmulationWorld World { get; }

    /// <summary>The id the board is known by in tests and logs (the firmware reads its own from its config).</summary>
    public string DeviceId { get; }

    /// <summary>The internal flash drive (I:\): survives power cuts, can be cut mid-write.</summary>
    public EmulatedFiles Flash { get; }

    /// <summary>The ESP32 pin matrix: which pin carries which peripheral signal.</summary>
    public PinFunctions PinFunctions { get; }

    /// <summary>GPIO pads.</summary>
    public BoardGpio Gpio { get; }

    /// <summary>LEDC PWM outputs.</summary>
    public BoardPwm Pwm { get; }

    /// <summary>I2C buses and the chips on them.</summary>
    public BoardI2c I2c { get; }

    /// <summary>UARTs and the parts on them.</summary>
    public BoardUarts Uarts { get; }

    /// <summary>The Wi-Fi station.</summary>
    public WifiStation Wifi { get; }

    /// <summary>What runs at every boot, as <c>Main</c> does on the device (on the board's main thread).</summary>
    public ThreadStart? Firmware { get; set; }

    /// <summary>Free managed heap the firmware sees (nanoFramework's <c>GC.Run</c>).</summary>
    public uint FreeHeapBytes { get; set; } = 96_000;

    /// <summary>Whether the board has power.</summary>
    public bool IsPoweredOn
    {
        get
        {
            lock (_sync)
            {
                return _life != null;
            }
        }
    }

    /// <summary>The running life; throws when the board is off.</summary>
    public BoardLife Life
    {
        get
        {
            lock (_sync)
            {
                return _life ?? throw new InvalidOperationException($"board {DeviceId} is off");
            }
        }
    }

    /// <summary>Boots so far (power-ons and reboots).</summary>
    public int Boots
    {
        get
        {
            lock (_sync)
            {
                return _lives;
            }
        }
    }

    /// <summary>Software reboots so far.</summary>
    public int SoftwareReboots { get; private set; }

    /// <summary>Whether the RTC has been set (by SNTP) since the last cold start.</summary>
    public bool RtcIsSet
    {
        get
        {
            lock (_sync)
            {
                return _rtcSet;
            }
        }
    }

    /// <summary>Exceptions that escaped firmware threads (each ended its thread).</summary>
    public IReadOnlyList<Exception> Crashes
    {
        get
        {
            lock (_sync)
            {
                return [.. _crashes];
            }
        }
    }

    /// <summary>The last lines the firmware logged.</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (_sync)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Raised after power comes on (true) and after it goes (false); parts reset themselves on it.</summary>
    public event Action<bool>? PowerChanged;

    /// <summary>Powers the board on and starts <see cref="Firmware"/>. Does nothing when already on.</summary>
    public void PowerOn()
    {
        WakeCause = BoardWakeCause.Reset;
        PowerOnLife();
    }

    private void PowerOnLife()
    {
        BoardLife life;
        lock (_sync)
        {
            if (_life != null)
            {
                return;
            }

            _lives++;
            life = new BoardLife(this, _lives);
            _life = life;
            Flash.PowerOn();
        }

        PowerChanged?.Invoke(true);
        var firmware = Firmware ?? throw new InvalidOperationException($"board {DeviceId} has no firmware");
        life.Clock.StartThread(firmware);
    }

    /// <summary>Cuts the power: every firmware thread stops, peripherals reset, the RTC is lost.</summary>
    public void CutPower() => EndLife(cold: true, reboot: false);

    /// <summary>
    /// A software reset requested by the firmware: this life ends now and the next boot follows after
    /// <see cref="RebootMilliseconds"/>; the RTC keeps its time.
    /// </summary>
    public void Reboot()
    {
        if (EndLife(cold: false, reboot: true))
        {
            World.Scheduler.After(RebootMilliseconds, PowerOn);
        }
    }

    /// <summary>Why the running life started.</summary>
    public BoardWakeCause WakeCause { get; private set; }

    /// <summary>
    /// Deep sleep as the firmware asked for it: this life ends (RAM is lost, the RTC keeps time) and, when
    /// <paramref name="wakeAfterMilliseconds"/> is set, the timer boots the board again after that long.
    /// </summary>
    public void DeepSleep(long? wakeAfterMilliseconds)
    {
        if (EndLife(cold: false, reboot: false) && wakeAfterMilliseconds is { } after)
        {
            World.Scheduler.After(after, () =>
            {
                WakeCause = BoardWakeCause.Timer;
                PowerOnLife();
            });
        }
    }

    /// <summary>Sets the RTC from network time (what SNTP does once the network is up).</summary>
    public void SetRtcFromNetwork()
    {
        lock (_sync)
        {
            _rtcSet = true;
            _rtcOffset = TimeSpan.Zero;
        }
    }

    /// <summary>Sets the RTC to <paramref name="utc"/> (the firmware's <c>Rtc.SetSystemTime</c>); it runs on from there.</summary>
    public void SetRtc(DateTime utc)
    {
        lock (_sync)
        {
            _rtcSet = true;
            _rtcOffset = utc - World.Clock.UtcNow;
        }
    }

    /// <summary>Appends a line to the board's log (the firmware's console).</summary>
    public void Log(string line)
    {
        lock (_sync)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLinesKept)
            {
                _log.Dequeue();
            }
        }

        World.LogSink?.Invoke(DeviceId, line);
    }

    internal void ReportCrash(Exception ex)
    {
        lock (_sync)
        {
            _crashes.Add(ex);
        }

        Log("CRASH " + ex.GetType().Name + ": " + ex.Message);
    }

    // The RTC reads real (world) time once set; after a cold start it counts from 1970 as the ESP32's does.
    internal DateTime RtcUtc(long uptimeMilliseconds)
    {
        lock (_sync)
        {
            if (_rtcSet)
            {
                return World.Clock.UtcNow + _rtcOffset;
            }
        }

        return RtcResetValue.AddMilliseconds(uptimeMilliseconds);
    }

    private bool EndLife(bool cold, bool reboot)
    {
        lock (_sync)
        {
            if (_life == null)
            {
                return false;
            }

            _life.End();
            _life = null;
            if (cold)
            {
                _rtcSet = false;
            }

            if (reboot)
            {
                SoftwareReboots++;
            }

            Flash.CutPower();
        }

        PinFunctions.Reset();
        Gpio.PowerOff();
        Pwm.PowerOff();
        Uarts.PowerOff();
        Wifi.PowerOff();
        PowerChanged?.Invoke(false);
        return true;
    }
}
