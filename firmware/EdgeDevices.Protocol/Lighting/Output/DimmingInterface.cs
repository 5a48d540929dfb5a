namespace EdgeDevices.Firmware.Lighting.Output
{
    /// <summary>How the controller tells the driver its level.</summary>
    public enum DimmingInterface : byte
    {
        /// <summary>PWM duty cycle straight into the driver's dim input.</summary>
        Pwm = 0,

        /// <summary>0–10 V analogue: 10 V is full output.</summary>
        ZeroToTenVolt = 1,

        /// <summary>1–10 V analogue (IEC practice): 1 V is the driver's minimum, 10 V full output.</summary>
        OneToTenVolt = 2
    }
}
