using nanoFramework.Runtime.Events;

namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>PinValueChangedEventArgs</c>.</summary>
public class PinValueChangedEventArgs : BaseEvent
{
    /// <summary>An event for <paramref name="pinNumber"/>.</summary>
    public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
    {
        ChangeType = changeType;
        PinNumber = pinNumber;
    }

    /// <summary>Which edge.</summary>
    public PinEventTypes ChangeType { get; }

    /// <summary>The pin.</summary>
    public int PinNumber { get; }
}

/// <summary>Stand-in for nanoFramework's <c>PinChangeEventHandler</c> (controller callbacks).</summary>
public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

/// <summary>Stand-in for nanoFramework's <c>PinValueChangedEventHandler</c> (<see cref="GpioPin.ValueChanged"/>).</summary>
public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);
