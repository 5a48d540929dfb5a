namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>The result of one uplink through the modem, with the downlink that came back in its receive windows.</summary>
    public sealed class ModemTransmission
    {
        /// <summary>How it ended.</summary>
        public ModemOutcome Outcome { get; set; }

        /// <summary>For <see cref="ModemOutcome.BandBusy"/>: how long to wait, ms.</summary>
        public int WaitMs { get; set; }

        /// <summary>The downlink's port, or 0 when none came.</summary>
        public int DownlinkPort { get; set; }

        /// <summary>The downlink's bytes, or null.</summary>
        public byte[] Downlink { get; set; }

        /// <summary>The network has more downlinks queued: send again soon to fetch them.</summary>
        public bool FramePending { get; set; }

        /// <summary>The modem's last words, for the log.</summary>
        public string Detail { get; set; }
    }
}
