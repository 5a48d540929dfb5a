namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// A street light's lifetime counters. Energy-service contracts are paid from measured savings, so the
    /// gateway's reports are computed from these device counters.
    /// </summary>
    public sealed class LampEnergy : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.LampEnergy; }
        }

        /// <summary>Accumulated active energy, watt-hours.</summary>
        public uint EnergyWattHours { get; set; }

        /// <summary>Accumulated time with the lamp lit, minutes.</summary>
        public uint BurnMinutes { get; set; }

        /// <summary>Number of off-to-on switchings.</summary>
        public uint SwitchOnCount { get; set; }
    }
}
