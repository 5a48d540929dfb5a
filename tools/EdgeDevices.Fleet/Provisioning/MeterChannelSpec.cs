namespace EdgeDevices.Fleet.Provisioning;

/// <summary>One S0 channel of a meter node's configuration.</summary>
/// <param name="Medium">electricity, water, gas or heat.</param>
/// <param name="PulsesPerUnit">The meter constant (imp/kWh or imp/m³).</param>
public sealed record MeterChannelSpec(string Medium, int PulsesPerUnit)
{
    /// <summary>The meter's register at installation, in units.</summary>
    public decimal InitialTotal { get; init; }

    /// <summary><c>gpio</c> (debounced in software) or <c>pcnt</c>.</summary>
    public string Input { get; init; } = "gpio";

    /// <summary>Debounce filter, ms.</summary>
    public int DebounceMs { get; init; } = 20;

    /// <summary>Most pulses a power cut may lose.</summary>
    public int UnsavedPulses { get; init; } = 50;
}
