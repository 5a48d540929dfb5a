namespace EdgeDevices.Firmware.Config
{
    /// <summary>LoRaWAN OTAA identity and region.</summary>
    public sealed class LoRaWanSettings
    {
        /// <summary>Regional parameters, e.g. IN865 (the default for Kazakhstan's 863–868 MHz rules).</summary>
        public string Region { get; set; }

        /// <summary>Device EUI, 16 hex digits.</summary>
        public string DevEui { get; set; }

        /// <summary>Join EUI (AppEUI), 16 hex digits.</summary>
        public string JoinEui { get; set; }

        /// <summary>AppKey, 32 hex digits.</summary>
        public string AppKey { get; set; }

        /// <summary>Share of airtime the device allows itself, per thousand; 0 for the region's own (10, i.e. 1 %).</summary>
        public int DutyCyclePermille { get; set; }
    }
}
