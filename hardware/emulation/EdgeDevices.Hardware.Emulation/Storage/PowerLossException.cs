namespace EdgeDevices.Hardware.Emulation.Storage;

/// <summary>
/// Thrown by emulated hardware at the moment the emulated power fails: the firmware call that was running
/// never returns, exactly as on a device that browns out.
/// </summary>
public sealed class PowerLossException() : Exception("emulated power loss");
