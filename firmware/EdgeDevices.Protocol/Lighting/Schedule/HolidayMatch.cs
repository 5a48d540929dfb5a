namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>How a calendar rule treats holidays.</summary>
    public enum HolidayMatch : byte
    {
        /// <summary>Holidays and other days alike.</summary>
        Any = 0,

        /// <summary>Only holidays.</summary>
        Only = 1,

        /// <summary>Only days that are not holidays.</summary>
        Except = 2
    }
}
