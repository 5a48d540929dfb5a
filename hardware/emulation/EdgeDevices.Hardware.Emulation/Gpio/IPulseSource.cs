namespace EdgeDevices.Hardware.Emulation.Gpio;

/// <summary>
/// A part whose output toggles too fast to emulate edge by edge (a metering IC's CF output runs at tens of
/// hertz): the pulse counter asks it how many pulses it has produced by a given world time instead.
/// </summary>
public interface IPulseSource
{
    /// <summary>Pulses produced from the start of the world up to <paramref name="worldUptimeMilliseconds"/>.</summary>
    long PulsesUntil(long worldUptimeMilliseconds);
}
