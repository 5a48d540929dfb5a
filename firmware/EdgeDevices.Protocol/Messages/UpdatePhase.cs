namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Where an application update stands on a device. Values are on the wire: never renumber.</summary>
    public enum UpdatePhase : byte
    {
        /// <summary>Not taken; <see cref="UpdateStatus.Reason"/> says why. Nothing was changed.</summary>
        Refused = 1,

        /// <summary>The manifest checked out; the bundle is being downloaded beside the running one.</summary>
        Downloading = 2,

        /// <summary>Downloaded whole with the manifest's SHA-256; the device restarts into it.</summary>
        Staged = 3,

        /// <summary>Running the new bundle on trial: it must report healthy before its deadline.</summary>
        Trial = 4,

        /// <summary>The new bundle reported healthy and is kept.</summary>
        Healthy = 5,

        /// <summary>The new bundle failed (<see cref="UpdateStatus.Reason"/>); the previous one runs again.</summary>
        RolledBack = 6
    }
}
