namespace EdgeDevices.Hardware.Emulation.Gpio;

/// <summary>How the firmware configured a pad (the members and order of nanoFramework's <c>PinMode</c>).</summary>
public enum GpioMode
{
    /// <summary>High impedance input.</summary>
    Input,

    /// <summary>Input with the internal pull-down.</summary>
    InputPullDown,

    /// <summary>Input with the internal pull-up.</summary>
    InputPullUp,

    /// <summary>Push-pull output.</summary>
    Output,

    /// <summary>Open-drain output.</summary>
    OutputOpenDrain,

    /// <summary>Open-drain output with the internal pull-up.</summary>
    OutputOpenDrainPullUp,

    /// <summary>Open-source output.</summary>
    OutputOpenSource,

    /// <summary>Open-source output with the internal pull-down.</summary>
    OutputOpenSourcePullDown,
}
