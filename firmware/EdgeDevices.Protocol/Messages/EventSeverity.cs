namespace EdgeDevices.Firmware.Messages
{
    /// <summary>How urgent an event is (two bits in the compact form).</summary>
    public enum EventSeverity : byte
    {
        /// <summary>For the record.</summary>
        Info = 0,

        /// <summary>Needs attention.</summary>
        Warning = 1,

        /// <summary>An alarm: forwarded ahead of bulk telemetry.</summary>
        Alarm = 2,

        /// <summary>An alarm that affects safety or service.</summary>
        Critical = 3
    }
}
