namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// The gateway's word that it refused one of this device's payloads and put it in its quarantine, on
    /// <c>edge/{deviceId}/rejects</c> (docs/wire-format.md). The payload was still acknowledged: sending it
    /// again would not make it valid, so the device keeps going and only logs and counts the notice.
    /// </summary>
    public sealed class RejectNotice
    {
        /// <summary>Whether the refused payload could be read far enough to name its boot id and sequence.</summary>
        public bool HasMessage { get; set; }

        /// <summary>Boot id of the refused message (valid when <see cref="HasMessage"/>).</summary>
        public ushort BootId { get; set; }

        /// <summary>Sequence of the refused message (valid when <see cref="HasMessage"/>).</summary>
        public ushort Sequence { get; set; }

        /// <summary>Why the gateway refused it.</summary>
        public string Reason { get; set; }

        /// <summary>The field at fault, or null when it was the whole payload.</summary>
        public string Field { get; set; }

        /// <summary>The entry's number in the gateway's quarantine, for the operator (GET /api/quarantine).</summary>
        public long QuarantineId { get; set; }
    }
}
