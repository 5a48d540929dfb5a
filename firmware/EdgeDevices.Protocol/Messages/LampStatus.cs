namespace EdgeDevices.Firmware.Messages
{
    /// <summary>A street light's state: the level it runs at, its relay, measured power and faults.</summary>
    public sealed class LampStatus : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.LampStatus; }
        }

        /// <summary>Commanded dim level, 0–100 %.</summary>
        public byte Level { get; set; }

        /// <summary>Whether the lamp relay is closed.</summary>
        public bool RelayOn { get; set; }

        /// <summary>Whether <see cref="PowerDeciWatt"/> holds a measurement.</summary>
        public bool HasPower { get; set; }

        /// <summary>Measured active power in tenths of a watt.</summary>
        public int PowerDeciWatt { get; set; }

        /// <summary>Faults currently active.</summary>
        public LampFaults Faults { get; set; }

        /// <summary>What decided <see cref="Level"/>.</summary>
        public ControlSource Source { get; set; }
    }
}
