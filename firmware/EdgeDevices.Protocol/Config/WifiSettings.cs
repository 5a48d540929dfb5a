namespace EdgeDevices.Firmware.Config
{
    /// <summary>Wi-Fi credentials, when not already stored on the device by nanoff --networkdeployment.</summary>
    public sealed class WifiSettings
    {
        /// <summary>Network name.</summary>
        public string Ssid { get; set; }

        /// <summary>WPA2 passphrase (empty for an open network).</summary>
        public string Password { get; set; }
    }
}
