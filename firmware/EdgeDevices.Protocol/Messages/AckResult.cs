namespace EdgeDevices.Firmware.Messages
{
    /// <summary>A device's answer to a command.</summary>
    public enum AckResult : byte
    {
        /// <summary>Applied.</summary>
        Ok = 0,

        /// <summary>Understood but refused in the current state.</summary>
        Rejected = 1,

        /// <summary>Arguments out of range or malformed.</summary>
        Invalid = 2,

        /// <summary>Failed verification (wrong key, replayed counter).</summary>
        AuthenticationFailed = 3,

        /// <summary>Arrived after its expiry.</summary>
        Expired = 4,

        /// <summary>Not supported by this device role or firmware.</summary>
        Unsupported = 5
    }
}
