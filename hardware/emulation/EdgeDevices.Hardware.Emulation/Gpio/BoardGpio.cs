using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Gpio;

/// <summary>
/// The board's GPIO pads. A pad's level comes from the firmware when it is an output, else from the part
/// wired to it (which drives it or lets it go), else from a pull resistor (internal, set by the firmware's
/// mode, or external on the board), else it floats and reads low. The firmware's pin-change callbacks run
/// on the thread of whatever changed the level, in the board's context. Every level change is counted per
/// pad, as the ESP32's pulse-counter unit sees the pad.
/// </summary>
public sealed class BoardGpio
{
    private readonly object _sync = new();
    private readonly Pad[] _pads;

    internal BoardGpio()
    {
        _pads = new Pad[BoardPinLimits.HighestPin + 1];
        for (var i = 0; i < _pads.Length; i++)
        {
            _pads[i] = new Pad();
        }
    }

    /// <summary>Raised when the firmware changes the level it drives on an output pad (pin, level).</summary>
    public event Action<int, bool>? FirmwareOutputChanged;

    // ---- the firmware's side (used by the System.Device.Gpio stand-ins) ----

    /// <summary>Whether the pad can take <paramref name="mode"/>: 34–39 are inputs without pulls.</summary>
    public static bool IsModeSupported(int pin, GpioMode mode)
    {
        if (!BoardPinLimits.Exists(pin))
        {
            return false;
        }

        return !BoardPinLimits.IsInputOnly(pin) || mode == GpioMode.Input;
    }

    /// <summary>Opens a pad for the firmware in <paramref name="mode"/>.</summary>
    public void Open(int pin, GpioMode mode)
    {
        CheckPin(pin);
        lock (_sync)
        {
            if (_pads[pin].Mode != null)
            {
                throw new InvalidOperationException($"GPIO {pin} is already open");
            }
        }

        SetMode(pin, mode);
    }

    /// <summary>Changes an open pad's mode.</summary>
    public void SetMode(int pin, GpioMode mode)
    {
        CheckPin(pin);
        if (!IsModeSupported(pin, mode))
        {
            throw new InvalidOperationException($"GPIO {pin} does not support {mode}");
        }

        Change(pin, pad => pad.Mode = mode);
    }

    /// <summary>The mode of an open pad.</summary>
    public GpioMode ModeOf(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            return _pads[pin].Mode ?? throw new InvalidOperationException($"GPIO {pin} is not open");
        }
    }

    /// <summary>Whether the firmware has the pad open.</summary>
    public bool IsOpen(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            return _pads[pin].Mode != null;
        }
    }

    /// <summary>Closes a pad: its listener goes, an output stops driving.</summary>
    public void Close(int pin)
    {
        CheckPin(pin);
        Change(pin, pad =>
        {
            pad.Mode = null;
            pad.Listener = null;
            pad.ListenerLife = null;
        });
    }

    /// <summary>The level the pad reads.</summary>
    public bool Read(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            return _pads[pin].Level;
        }
    }

    /// <summary>Sets the level an output pad drives (remembered for an input, as the output latch is).</summary>
    public void Write(int pin, bool high)
    {
        CheckPin(pin);
        Change(pin, pad => pad.Latch = high);
    }

    /// <summary>Calls <paramref name="onLevel"/> (in <paramref name="life"/>'s context) whenever the pad's level changes.</summary>
    public void Listen(int pin, BoardLife life, Action<bool> onLevel)
    {
        CheckPin(pin);
        lock (_sync)
        {
            _pads[pin].Listener = onLevel;
            _pads[pin].ListenerLife = life;
        }
    }

    /// <summary>Removes the pad's listener.</summary>
    public void StopListening(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            _pads[pin].Listener = null;
            _pads[pin].ListenerLife = null;
        }
    }

    /// <summary>Level changes of the pad so far: rising ones, falling ones, or both.</summary>
    public long Edges(int pin, bool rising, bool falling)
    {
        CheckPin(pin);
        lock (_sync)
        {
            return (rising ? _pads[pin].Rising : 0) + (falling ? _pads[pin].Falling : 0);
        }
    }

    /// <summary>The fast pulse source wired to the pad, if any.</summary>
    public IPulseSource? PulseSourceOn(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            return _pads[pin].Source;
        }
    }

    // ---- the parts' side ----

    /// <summary>A part drives the pad high or low, or lets it go (null).</summary>
    public void Drive(int pin, bool? level)
    {
        CheckPin(pin);
        Change(pin, pad => pad.Driven = level);
    }

    /// <summary>An external pull resistor on the board: up (true), down (false) or none.</summary>
    public void SetExternalPull(int pin, bool? up)
    {
        CheckPin(pin);
        Change(pin, pad => pad.ExternalPull = up);
    }

    /// <summary>The pad's level as a part wired to it sees it.</summary>
    public bool Level(int pin) => Read(pin);

    /// <summary>The level the firmware drives on the pad, or null when the pad is not a firmware output.</summary>
    public bool? FirmwareOutput(int pin)
    {
        CheckPin(pin);
        lock (_sync)
        {
            var pad = _pads[pin];
            return IsOutput(pad.Mode) ? pad.Latch : null;
        }
    }

    /// <summary>Wires a fast pulse source to the pad (counted by the pulse counter, not edge by edge).</summary>
    public void AttachPulseSource(int pin, IPulseSource source)
    {
        CheckPin(pin);
        lock (_sync)
        {
            _pads[pin].Source = source;
        }
    }

    // Power cut: the firmware's configuration is gone; the parts' drives and board pulls stay.
    internal void PowerOff()
    {
        for (var pin = 0; pin < _pads.Length; pin++)
        {
            Change(pin, pad =>
            {
                pad.Mode = null;
                pad.Latch = false;
                pad.Listener = null;
                pad.ListenerLife = null;
            });
        }
    }

    private static bool IsOutput(GpioMode? mode) => mode is GpioMode.Output or GpioMode.OutputOpenDrain or GpioMode.OutputOpenDrainPullUp or GpioMode.OutputOpenSource or GpioMode.OutputOpenSourcePullDown;

    private static bool Resolve(Pad pad)
    {
        switch (pad.Mode)
        {
            case GpioMode.Output:
                return pad.Latch;
            case GpioMode.OutputOpenDrain or GpioMode.OutputOpenDrainPullUp when !pad.Latch:
                return false;
            case GpioMode.OutputOpenSource or GpioMode.OutputOpenSourcePullDown when pad.Latch:
                return true;
        }

        if (pad.Driven is { } driven)
        {
            return driven;
        }

        if (pad.Mode is GpioMode.InputPullUp or GpioMode.OutputOpenDrainPullUp)
        {
            return true;
        }

        if (pad.Mode is GpioMode.InputPullDown or GpioMode.OutputOpenSourcePullDown)
        {
            return false;
        }

        return pad.ExternalPull ?? false;
    }

    private void Change(int pin, Action<Pad> change)
    {
        Action<bool>? listener = null;
        BoardLife? life = null;
        bool level;
        bool levelChanged;
        bool? outputBefore;
        bool? outputAfter;
        lock (_sync)
        {
            var pad = _pads[pin];
            outputBefore = IsOutput(pad.Mode) ? pad.Latch : null;
            var before = pad.Level;
            change(pad);
            level = Resolve(pad);
            pad.Level = level;
            levelChanged = level != before;
            if (levelChanged)
            {
                if (level)
                {
                    pad.Rising++;
                }
                else
                {
                    pad.Falling++;
                }

                listener = pad.Listener;
                life = pad.ListenerLife;
            }

            outputAfter = IsOutput(pad.Mode) ? pad.Latch : null;
        }

        if (outputAfter is { } driven && outputAfter != outputBefore)
        {
            FirmwareOutputChanged?.Invoke(pin, driven);
        }
        else if (outputAfter == null && outputBefore != null)
        {
            // The firmware let go of the pad (closed, or reset by a power cut): its output reads low.
            FirmwareOutputChanged?.Invoke(pin, false);
        }

        if (listener != null && life != null)
        {
            life.RunCallback(() => listener(level));
        }
    }

    private static void CheckPin(int pin)
    {
        if (!BoardPinLimits.Exists(pin))
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, "no such GPIO on an ESP32");
        }
    }

    private sealed class Pad
    {
        public GpioMode? Mode;
        public bool Latch;
        public bool? Driven;
        public bool? ExternalPull;
        public bool Level;
        public long Rising;
        public long Falling;
        public Action<bool>? Listener;
        public BoardLife? ListenerLife;
        public IPulseSource? Source;
    }
}
