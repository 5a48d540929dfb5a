namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Periodic device health, for operators and the gateway's fleet view.</summary>
    public sealed class HealthReport : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.Health; }
        }

        /// <summary>Free managed heap, bytes.</summary>
        public uint FreeHeapBytes { get; set; }

        /// <summary>Seconds since boot.</summary>
        public uint UptimeSeconds { get; set; }

        /// <summary>Radio signal strength, dBm (negative); 0 when not known.</summary>
        public sbyte Rssi { get; set; }

        /// <summary>Why the device last started.</summary>
        public ResetReason ResetReason { get; set; }

        /// <summary>Firmware major version.</summary>
        public byte FirmwareMajor { get; set; }

        /// <summary>Firmware minor version.</summary>
        public byte FirmwareMinor { get; set; }

        /// <summary>Firmware patch version.</summary>
        public ushort FirmwarePatch { get; set; }

        /// <summary>Records waiting in the outbox.</summary>
        public ushort OutboxDepth { get; set; }

        /// <summary>Records the outbox has dropped since it was created.</summary>
        public uint OutboxDrops { get; set; }

        /// <summary>Reject notices from the gateway since boot (JSON form only; 0 in the compact form, which LoRaWAN devices send and never get notices on).</summary>
        public uint GatewayRejects { get; set; }
    }
}
