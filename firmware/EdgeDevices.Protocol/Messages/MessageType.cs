namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// The kind of a message. The value is the 5-bit type field of the compact codec and the
    /// "type" name of the JSON form: never renumber a member, only add new ones.
    /// </summary>
    public enum MessageType : byte
    {
        /// <summary>Device health: heap, uptime, RSSI, reset reason, firmware, outbox.</summary>
        Health = 1,

        /// <summary>Particulate matter and climate from an air-quality node.</summary>
        AirQuality = 2,

        /// <summary>A street light's current level, relay, power and faults (also the retained state).</summary>
        LampStatus = 3,

        /// <summary>A street light's energy, burning-time and switch-on counters.</summary>
        LampEnergy = 4,

        /// <summary>A utility meter channel's running total.</summary>
        MeterReading = 5,

        /// <summary>An alarm or event being raised or cleared.</summary>
        Event = 6,

        /// <summary>A device's answer to a command.</summary>
        CommandAck = 7,

        /// <summary>Where an application update stands on the device: refused, downloading, staged, on trial, healthy, rolled back.</summary>
        UpdateStatus = 8,

        /// <summary>A command to a device (downlink).</summary>
        Command = 16
    }
}
