using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Storage;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Runtime
{
    /// <summary>
    /// What an app gets from whoever starts it: its clock, its flash files and where its log goes. On the
    /// device, <see cref="ForDevice"/> gives the real ones; an emulated board gives its own.
    /// </summary>
    public sealed class DeviceContext
    {
        /// <summary>A context from its parts.</summary>
        public DeviceContext(IClock clock, IDeviceFiles files, ILogSink logSink)
        {
            Clock = clock;
            Files = files;
            LogSink = logSink;
        }

        /// <summary>Time and threads.</summary>
        public IClock Clock { get; private set; }

        /// <summary>The internal flash drive.</summary>
        public IDeviceFiles Files { get; private set; }

        /// <summary>Where log lines go.</summary>
        public ILogSink LogSink { get; private set; }

        /// <summary>The real device: system clock, I:\ and the console.</summary>
        public static DeviceContext ForDevice()
        {
            return new DeviceContext(new SystemClock(), new InternalFlashFiles(InternalFlashFiles.DefaultRoot), new ConsoleLogSink());
        }
    }
}
