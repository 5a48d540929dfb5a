using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Parts.Luminaire;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Fleet.Devices;

/// <summary>A street-light controller in its luminaire.</summary>
public sealed class StreetLightDevice : EmulatedDevice
{
    internal StreetLightDevice(EmulationWorld world, DeviceSpec spec)
        : base(world, spec)
    {
        var signal = spec.LampInterface switch
        {
            "pwm" => DimmingSignal.Pwm,
            "1-10v" => DimmingSignal.OneToTenVolt,
            _ => DimmingSignal.ZeroToTenVolt,
        };
        Luminaire = new Luminaire(Board, Pins.DimPwmPin, Pins.RelayPin, Pins.RelayFeedbackPin, Pins.PowerPulsePin, Pins.PowerMilliwattsPerHertz, spec.LampRatedWatts, signal);
    }

    /// <summary>The luminaire: its light, power and faults.</summary>
    public Luminaire Luminaire { get; }
}
