namespace EdgeDevices.Firmware.Update
{
    /// <summary>What a device makes of an update bundle; anything but <see cref="Accepted"/> is refused with this reason.</summary>
    public enum UpdateVerdict : byte
    {
        /// <summary>Signed by the release key, for this app, newer, and (once downloaded) whole.</summary>
        Accepted = 0,

        /// <summary>The signature does not verify with the key the device was provisioned with.</summary>
        BadSignature = 1,

        /// <summary>A bundle for another app.</summary>
        WrongApp = 2,

        /// <summary>The device runs this version already, or a newer one.</summary>
        NotNewer = 3,

        /// <summary>Larger than the device can hold.</summary>
        TooLarge = 4,

        /// <summary>The downloaded bytes are fewer than the manifest says.</summary>
        Truncated = 5,

        /// <summary>The downloaded bytes do not have the manifest's SHA-256.</summary>
        WrongHash = 6,

        /// <summary>No release key was provisioned: the device takes no update at all.</summary>
        NoKey = 7,

        /// <summary>This version was rolled back on this device before: it is not tried again.</summary>
        FailedBefore = 8,

        /// <summary>The bundle ran but did not report healthy in time (or the device restarted while it was on trial).</summary>
        NotHealthy = 9,

        /// <summary>The bundle's assemblies did not load or its entry point was not found.</summary>
        LoadFailed = 10,

        /// <summary>Another update is being downloaded.</summary>
        Busy = 11,

        /// <summary>The gateway does not serve this bundle to this device, or stopped answering.</summary>
        NotServed = 12,

        /// <summary>The manifest or the bundle cannot be read.</summary>
        Malformed = 13,

        /// <summary>This device's link (LoRaWAN) cannot carry a download.</summary>
        NoDownloadPath = 14
    }
}
