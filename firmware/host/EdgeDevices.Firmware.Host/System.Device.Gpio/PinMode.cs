namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>PinMode</c>.</summary>
public enum PinMode
{
    /// <summary>Input.</summary>
    Input,

    /// <summary>Input with pull-down.</summary>
    InputPullDown,

    /// <summary>Input with pull-up.</summary>
    InputPullUp,

    /// <summary>Output.</summary>
    Output,

    /// <summary>Open-drain output.</summary>
    OutputOpenDrain,

    /// <summary>Open-drain output with pull-up.</summary>
    OutputOpenDrainPullUp,

    /// <summary>Open-source output.</summary>
    OutputOpenSource,

    /// <summary>Open-source output with pull-down.</summary>
    OutputOpenSourcePullDown,
}
