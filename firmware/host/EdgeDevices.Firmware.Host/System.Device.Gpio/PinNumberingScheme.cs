namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>PinNumberingScheme</c>.</summary>
public enum PinNumberingScheme
{
    /// <summary>The MCU's GPIO numbers.</summary>
    Logical,

    /// <summary>Header pin numbers.</summary>
    Board,
}
