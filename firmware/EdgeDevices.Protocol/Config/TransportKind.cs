namespace EdgeDevices.Firmware.Config
{
    /// <summary>How a device reaches the gateway.</summary>
    public enum TransportKind : byte
    {
        /// <summary>MQTT over Wi-Fi.</summary>
        Mqtt = 1,

        /// <summary>LoRaWAN through an AT-command modem and a network server.</summary>
        LoRaWan = 2
    }
}
