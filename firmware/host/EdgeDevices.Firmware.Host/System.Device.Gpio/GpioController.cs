using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Gpio;

namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>GpioController</c>, on the calling device's emulated pads.</summary>
public sealed class GpioController : IDisposable
{
    private readonly BoardLife _life;
    private readonly HashSet<int> _open = [];

    /// <summary>A controller with logical (GPIO) numbering.</summary>
    public GpioController()
        : this(PinNumberingScheme.Logical)
    {
    }

    /// <summary>A controller with the given numbering (only logical numbering exists on ESP32).</summary>
    public GpioController(PinNumberingScheme numberingScheme)
    {
        _life = StandIn.Life;
        NumberingScheme = numberingScheme;
    }

    /// <summary>The numbering scheme.</summary>
    public PinNumberingScheme NumberingScheme { get; }

    /// <summary>GPIO count of an ESP32.</summary>
    public int PinCount => BoardPinLimits.HighestPin + 1;

    /// <summary>Opens a pin (as an input).</summary>
    public GpioPin OpenPin(int pinNumber) => OpenPin(pinNumber, PinMode.Input);

    /// <summary>Opens a pin in <paramref name="mode"/>.</summary>
    public GpioPin OpenPin(int pinNumber, PinMode mode)
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.Open(pinNumber, (GpioMode)mode);
        _open.Add(pinNumber);
        return new GpioPin(_life, pinNumber);
    }

    /// <summary>Closes a pin.</summary>
    public void ClosePin(int pinNumber)
    {
        _life.ThrowIfDead();
        PinEvents.Of(_life).RemovePin(pinNumber);
        _life.Board.Gpio.Close(pinNumber);
        _open.Remove(pinNumber);
    }

    /// <summary>Whether the pin is open.</summary>
    public bool IsPinOpen(int pinNumber) => _life.Board.Gpio.IsOpen(pinNumber);

    /// <summary>Changes an open pin's mode.</summary>
    public void SetPinMode(int pinNumber, PinMode mode)
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.SetMode(pinNumber, (GpioMode)mode);
    }

    /// <summary>An open pin's mode.</summary>
    public PinMode GetPinMode(int pinNumber) => (PinMode)_life.Board.Gpio.ModeOf(pinNumber);

    /// <summary>Whether the pin supports the mode (GPIO 34–39 are inputs without pulls).</summary>
    public bool IsPinModeSupported(int pinNumber, PinMode mode) => BoardGpio.IsModeSupported(pinNumber, (GpioMode)mode);

    /// <summary>Reads a pin.</summary>
    public PinValue Read(int pinNumber)
    {
        _life.ThrowIfDead();
        return _life.Board.Gpio.Read(pinNumber);
    }

    /// <summary>Writes a pin.</summary>
    public void Write(int pinNumber, PinValue value)
    {
        _life.ThrowIfDead();
        _life.Board.Gpio.Write(pinNumber, (bool)value);
    }

    /// <summary>Calls <paramref name="callback"/> on the given edges of the pin.</summary>
    public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        _life.ThrowIfDead();
        PinEvents.Of(_life).Add(pinNumber, eventTypes, this, (sender, e) => callback(sender, e), callback);
    }

    /// <summary>Removes a callback.</summary>
    public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        PinEvents.Of(_life).Remove(pinNumber, callback);

    /// <summary>Closes every pin this controller opened.</summary>
    public void Dispose()
    {
        if (!_life.IsAlive)
        {
            return;
        }

        foreach (var pin in _open.ToArray())
        {
            ClosePin(pin);
        }
    }
}
