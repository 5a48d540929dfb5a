namespace EdgeDevices.Firmware.Device.Runtime
{
    /// <summary>An app as the resident loader starts it when no bundle replaces it: the one built into the flashed image.</summary>
    public interface IDeviceApp
    {
        /// <summary>Boots and runs the app (never returns).</summary>
        void Run();
    }
}
