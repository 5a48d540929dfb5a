namespace EdgeDevices.Firmware.Config
{
    /// <summary>Which wire form a device sends.</summary>
    public enum PayloadEncoding : byte
    {
        /// <summary>JSON (Wi-Fi only).</summary>
        Json = 1,

        /// <summary>The compact binary form (always over LoRaWAN).</summary>
        Compact = 2
    }
}
