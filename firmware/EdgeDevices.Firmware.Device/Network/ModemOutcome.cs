namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>How one uplink through the LoRaWAN modem ended.</summary>
    public enum ModemOutcome : byte
    {
        /// <summary>Transmitted (unconfirmed: that is all LoRaWAN tells).</summary>
        Sent = 1,

        /// <summary>Confirmed uplink acknowledged by the network.</summary>
        Acknowledged = 2,

        /// <summary>Confirmed uplink transmitted, but no acknowledgement came after the modem's retries.</summary>
        NotAcknowledged = 3,

        /// <summary>The duty cycle forbids sending for a while (<see cref="ModemTransmission.WaitMs"/>).</summary>
        BandBusy = 4,

        /// <summary>The modem has no session: join again.</summary>
        NotJoined = 5,

        /// <summary>The payload is longer than the current data rate allows.</summary>
        TooLong = 6,

        /// <summary>No answer, an error, or an answer this driver does not understand.</summary>
        Failed = 7
    }
}
