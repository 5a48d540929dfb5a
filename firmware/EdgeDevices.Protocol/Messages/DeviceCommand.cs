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

        /// <summary>The gateway's per-device counter; only ever grows (replay protection).</summary>
        public uint Counter { get; set; }

        /// <summary>Message time after which the device refuses it; 0 for never. A whole minute.</summary>
        public uint ExpiresAt { get; set; }

        /// <summary>The schedule document for <see cref="CommandKind.SetSchedule"/> (JSON form only); otherwise null.</summary>
        public string Document { get; set; }

        /// <summary>The 8-byte keyed MAC (Security.CommandMac), or null when unsigned.</summary>
        public byte[] Mac { get; set; }
    }
}
