namespace EdgeDevices.Firmware.Config
{
    /// <summary>
    /// Application updates over the air (the "update" object of config.json): the release key bundles must be
    /// signed with, and the trial a new bundle runs on before it is kept.
    /// </summary>
    public sealed class UpdateSettings
    {
        /// <summary>The city's Ed25519 release public key (32 bytes). Without it the device takes no update.</summary>
        public byte[] ReleaseKey { get; set; }

        /// <summary>
        /// Seconds a new bundle must run before it can report healthy: longer than the watchdog period, so a
        /// thread that hangs has rebooted the device (and so failed the trial) by then.
        /// </summary>
        public int ProbationSeconds { get; set; }

        /// <summary>Seconds within which a new bundle must report healthy, or the previous one runs again.</summary>
        public int DeadlineSeconds { get; set; }

        /// <summary>Largest bundle the device takes (its flash has room for two beside the outbox).</summary>
        public int MaxBundleBytes { get; set; }
    }
}
