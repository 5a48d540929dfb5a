using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Device.Update
{
    /// <summary>
    /// Starts the app in a bundle. On the device that is <see cref="AssemblyAppLoader"/> (the CLR's
    /// <c>Assembly.Load</c>); an emulated board brings one that runs the host-compiled app the bundle names.
    /// </summary>
    public interface IAppLoader
    {
        /// <summary>
        /// Loads <paramref name="image"/>'s assemblies and runs its entry type's static <c>Run(DeviceContext)</c>
        /// with <paramref name="context"/>. An app never returns: the text coming back says why it did not load
        /// or why it ended.
        /// </summary>
        string Run(BundleImage image, DeviceContext context);
    }
}
