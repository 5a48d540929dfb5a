namespace EdgeDevices.Firmware.Config
{
    /// <summary>How a meter channel's pulses are counted.</summary>
    public enum MeterInputKind : byte
    {
        /// <summary>GPIO edges and the software debouncer (reed contacts, which bounce).</summary>
        Gpio = 0,

        /// <summary>The ESP32 hardware pulse counter (bounce-free opto-coupled S0 outputs).</summary>
        Pcnt = 1
    }
}
