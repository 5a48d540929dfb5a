namespace EdgeDevices.Firmware.Messages
{
    /// <summary>What decided a lamp's current level (two bits in the compact form).</summary>
    public enum ControlSource : byte
    {
        /// <summary>The stored calendar and control program.</summary>
        Schedule = 0,

        /// <summary>An override command that has not expired.</summary>
        Override = 1,

        /// <summary>The default level: no schedule, or no rule matched.</summary>
        Default = 2,

        /// <summary>Local commissioning or test mode.</summary>
        Manual = 3
    }
}
