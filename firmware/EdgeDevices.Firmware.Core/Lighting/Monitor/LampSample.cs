namespace EdgeDevices.Firmware.Lighting.Monitor
{
    /// <summary>One reading of the lamp's electrical side.</summary>
    public sealed class LampSample
    {
        /// <summary>Whether the metering input gave a power reading.</summary>
        public bool HasPower { get; set; }

        /// <summary>Active power, tenths of a watt.</summary>
        public int PowerDeciWatt { get; set; }

        /// <summary>Whether the board reads back the relay (an auxiliary contact).</summary>
        public bool HasRelayFeedback { get; set; }

        /// <summary>Whether the relay reads back as closed.</summary>
        public bool RelayClosed { get; set; }
    }
}
