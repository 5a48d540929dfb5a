using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Gpio;

namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>GpioPin</c>.</summary>
public sealed class GpioPin : IDisposable
{
    private readonly BoardLife _life;
    private readonly Dictionary<PinValueChangedEventHandler, Action<object, PinValueChangedEventArgs>> _handlers = [];
    private TimeSpan _debounce;

    internal GpioPin(BoardLife life, int pinNumber)
    {
        _life = life;
        PinNumber = pinNumber;
    }

    /// <summary>Raised on both edges; <see cref="PinValueChangedEventArgs.ChangeType"/> tells which.</summary>
    public event PinValueChangedEventHandler ValueChanged
    {
        add
        {
            _life.ThrowIfDead();
            PinEvents.Of(_life).Add(PinNumber, PinEventTypes.Rising | PinEventTypes.Falling, this, (sender, e) => value(sender, e), value);
        }

        remove => PinEvents.Of(_life).Remove(PinNumber, value);
    }

    /// <summary>The GPIO number.</summary>
    public int PinNumber { get; }

    /// <summary>Edges closer than this to the previous one are not reported.</summary>
    public TimeSpan DebounceTimeout
    {
        get => _debounce;
        set
        {
            _debounce = value;
            PinEvents.Of(_life).SetDebounce(PinNumber, value);
        }
    }

    /// <summary>The pin's mode.</summary>
    public PinMode GetPinMode() => (PinMode)_life.Board.Gpio.ModeOf(PinNumber);

    /// <summary>Changes the pin's mode.</summary>
    public void SetPinMode(PinMode mode)
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.SetMode(PinNumber, (GpioMode)mode);
    }

    /// <summary>Whether the pin supports the mode.</summary>
    public bool IsPinModeSupported(PinMode pinMode) => BoardGpio.IsModeSupported(PinNumber, (GpioMode)pinMode);

    /// <summary>Reads the pin.</summary>
    public PinValue Read()
    {
        _life.ThrowIfDead();
        return _life.Board.Gpio.Read(PinNumber);
    }

    /// <summary>Writes the pin.</summary>
    public void Write(PinValue value)
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.Write(PinNumber, (bool)value);
    }

    /// <summary>Inverts an output.</summary>
    public void Toggle()
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.Write(PinNumber, _life.Board.Gpio.FirmwareOutput(PinNumber) != true);
    }

    /// <summary>Closes the pin.</summary>
    public void Dispose()
    {
        if (_life.IsAlive)
        {
            PinEvents.Of(_life).RemovePin(PinNumber);
            _life.Board.Gpio.Close(PinNumber);
        }
    }
}
