using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Parts.Reed;
using EdgeDevices.Hardware.Emulation.Parts.S0;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Fleet.Devices;

/// <summary>A meter node: an S0 output per configured channel and the tamper reed contact.</summary>
public sealed class MeterDevice : EmulatedDevice
{
    internal MeterDevice(EmulationWorld world, DeviceSpec spec)
        : base(world, spec)
    {
        var outputs = new S0PulseSource[Math.Min(spec.MeterChannels.Count, Pins.S0Pins.Length)];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new S0PulseSource(Board, Pins.S0Pins[i], seed: i + 1);
        }

        S0 = outputs;
        Magnet = new ReedSwitch(Board, Pins.MagnetPin);
    }

    /// <summary>The meters' S0 outputs, in channel order.</summary>
    public IReadOnlyList<S0PulseSource> S0 { get; }

    /// <summary>The tamper contact.</summary>
    public ReedSwitch Magnet { get; }
}
