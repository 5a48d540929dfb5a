namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Why the device last started.</summary>
    public enum ResetReason : byte
    {
        /// <summary>Not known.</summary>
        Unknown = 0,

        /// <summary>Power applied.</summary>
        PowerOn = 1,

        /// <summary>Rebooted by the software watchdog.</summary>
        Watchdog = 2,

        /// <summary>Rebooted on command.</summary>
        Command = 3,

        /// <summary>Rebooted after a firmware or application update.</summary>
        Update = 4,

        /// <summary>Rebooted after an unhandled error.</summary>
        Crash = 5,

        /// <summary>Woke from deep sleep.</summary>
        DeepSleep = 6
    }
}
