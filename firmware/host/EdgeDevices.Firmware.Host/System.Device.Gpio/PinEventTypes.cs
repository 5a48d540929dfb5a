namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>PinEventTypes</c>.</summary>
[Flags]
public enum PinEventTypes
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Low to high.</summary>
    Rising = 1,

    /// <summary>High to low.</summary>
    Falling = 2,
}
