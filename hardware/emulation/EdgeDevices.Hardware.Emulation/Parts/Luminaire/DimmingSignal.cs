namespace EdgeDevices.Hardware.Emulation.Parts.Luminaire;

/// <summary>What the luminaire's driver expects on its dim input (the board's PWM goes through an RC filter and op-amp for the analogue ones).</summary>
public enum DimmingSignal
{
    /// <summary>PWM duty is the level.</summary>
    Pwm,

    /// <summary>0–10 V: duty × 10 V, level = volts × 10 %.</summary>
    ZeroToTenVolt,

    /// <summary>1–10 V: 1 V is the minimum level, 10 V full.</summary>
    OneToTenVolt,
}
