using System;
using System.Reflection;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Device.Update
{
    /// <summary>
    /// Loads a bundle's <c>.pe</c> images with <c>Assembly.Load(byte[])</c> and invokes the entry type's static
    /// <c>Run(DeviceContext)</c> by reflection — the pattern of nanoFramework's AzureEdgeOta sample. The
    /// resident assemblies (core, device runtime) stay as flashed, so a bundle must be built against the same
    /// versions of them; its own assemblies carry the version in their name, so they never collide with the
    /// built-in app or an earlier bundle.
    /// </summary>
    public sealed class AssemblyAppLoader : IAppLoader
    {
        /// <inheritdoc />
        public string Run(BundleImage image, DeviceContext context)
        {
            Type entry = null;
            try
            {
                for (int i = 0; i < image.Assemblies.Length; i++)
                {
                    Assembly assembly = Assembly.Load(image.Assemblies[i]);
                    if ((object)assembly == null)
                    {
                        return "assembly " + i.ToString() + " of the bundle did not load";
                    }

                    Type type = assembly.GetType(image.EntryType);
                    if ((object)type != null)
                    {
                        entry = type;
                    }
                }
            }
            catch (Exception ex)
            {
                return "loading failed: " + ex.Message;
            }

            if ((object)entry == null)
            {
                return "entry type " + image.EntryType + " is not in the bundle";
            }

            MethodInfo run = entry.GetMethod("Run");
            if ((object)run == null || !run.IsStatic)
            {
                return "entry type " + image.EntryType + " has no static Run(DeviceContext)";
            }

            try
            {
                run.Invoke(null, new object[] { context });
                return "the app returned";
            }
            catch (Exception ex)
            {
                return "the app failed: " + ex.Message;
            }
        }
    }
}
