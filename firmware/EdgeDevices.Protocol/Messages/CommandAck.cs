namespace EdgeDevices.Firmware.Messages
{
    /// <summary>A device's acknowledgement of a <see cref="DeviceCommand"/>.</summary>
    public sealed class CommandAck : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.CommandAck; }
        }

        /// <summary>The <see cref="DeviceCommand.CommandId"/> being answered.</summary>
        public ushort CommandId { get; set; }

        /// <summary>The outcome.</summary>
        public AckResult Result { get; set; }
    }
}
