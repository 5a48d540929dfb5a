namespace EdgeDevices.Firmware.Messages
{
    /// <summary>A command from the gateway to a device. The device answers with a <see cref="CommandAck"/>.</summary>
    public sealed class DeviceCommand : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.Command; }
        }

        /// <summary>Identifies the command in its acknowledgement.</summary>
        public ushort CommandId { get; set; }

        /// <summary>What is asked for.</summary>
        public CommandKind Kind { get; set; }

        /// <summary>Dim level 0–100 % for <see cref="CommandKind.SetOverride"/>; otherwise 0.</summary>
        public byte Level { get; set; }

        /// <summary>Override duration in minutes (0 = until cleared) for <see cref="CommandKind.SetOverride"/>.</summary>
        public ushort DurationMinutes { get; set; }
    }
}
