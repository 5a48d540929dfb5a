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
        NoKey = 7
    }
}
