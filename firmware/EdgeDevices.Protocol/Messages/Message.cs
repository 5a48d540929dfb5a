namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// What every message carries: its type, the device's boot id and a sequence number, and the time.
    /// (device, boot id, sequence) is the key the gateway deduplicates on: the sequence restarts at 0 on
    /// every boot, and the device moves to a new boot id when the sequence would wrap, so a key is never
    /// reused for 65,536 boots.
    /// </summary>
    public abstract class Message
    {
        /// <summary>The kind of message; fixed per subclass.</summary>
        public abstract MessageType Type { get; }

        /// <summary>Per-device boot counter (persisted on the device), modulo 65,536.</summary>
        public ushort BootId { get; set; }

        /// <summary>Sequence number within the boot, starting at 0.</summary>
        public ushort Sequence { get; set; }

        /// <summary>
        /// Seconds since 1970-01-01T00:00:00Z by the device clock, or 0 when the device has no valid time
        /// yet (the gateway then uses its receive time and says so).
        /// </summary>
        public uint Timestamp { get; set; }
    }
}
