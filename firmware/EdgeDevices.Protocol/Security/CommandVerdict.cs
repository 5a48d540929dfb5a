namespace EdgeDevices.Firmware.Security
{
    /// <summary>What <see cref="CommandGuard"/> makes of a command.</summary>
    public enum CommandVerdict
    {
        /// <summary>Authentic, new and in time: carry it out, then call <see cref="CommandGuard.Accepted"/>.</summary>
        Apply = 0,

        /// <summary>A resend of the last accepted command: answer its result again and apply nothing.</summary>
        Repeat = 1,

        /// <summary>Wrong MAC, no key, or an old counter: refuse with AuthenticationFailed.</summary>
        Forged = 2,

        /// <summary>Authentic but past its expiry: refuse with Expired.</summary>
        Expired = 3
    }
}
