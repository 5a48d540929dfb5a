namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>Whatever delivers the outbox: MQTT over Wi-Fi or LoRaWAN through a modem.</summary>
    public interface IUplink
    {
        /// <summary>Whether the link to the gateway is up (broker connected, network joined).</summary>
        bool IsConnected { get; }

        /// <summary>Starts the uplink thread.</summary>
        void Start();

        /// <summary>Something new is in the outbox.</summary>
        void Wake();

        /// <summary>Whether this link can carry an update download (MQTT can; LoRaWAN's few bytes a minute cannot).</summary>
        bool CarriesDownloads { get; }

        /// <summary>Sends a chunk request of an update download (not through the outbox: an unanswered one is asked again); false when it could not go.</summary>
        bool Fetch(byte[] request);

        /// <summary>Drops the connection so the next one is made with the configuration as it is now (rotated credentials); called on the uplink's thread.</summary>
        void Reconnect();
    }
}
