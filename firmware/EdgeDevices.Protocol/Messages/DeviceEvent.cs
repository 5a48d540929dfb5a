namespace EdgeDevices.Firmware.Messages
{
    /// <summary>An alarm or event raised or cleared on the device, with one value as evidence.</summary>
    public sealed class DeviceEvent : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.Event; }
        }

        /// <summary>What happened.</summary>
        public EventCode Code { get; set; }

        /// <summary>True when the condition starts, false when it clears.</summary>
        public bool Raised { get; set; }

        /// <summary>How urgent it is.</summary>
        public EventSeverity Severity { get; set; }

        /// <summary>Evidence; its meaning depends on <see cref="Code"/> (e.g. measured power in 0.1 W).</summary>
        public short Value { get; set; }
    }
}
