namespace EdgeDevices.Firmware.Messages
{
    /// <summary>Hands out boot ids; the device implementation persists a counter so ids survive reboots.</summary>
    public interface IBootIdSource
    {
        /// <summary>A boot id not used before (modulo 65,536), made durable before it is returned.</summary>
        ushort NextBootId();
    }
}
