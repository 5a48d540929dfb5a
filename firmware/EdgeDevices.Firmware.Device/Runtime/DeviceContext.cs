using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Storage;
using EdgeDevices.Firmware.Device.Update;
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
        /// <summary>A context from its parts, with no loader for update bundles (the built-in app only).</summary>
        public DeviceContext(IClock clock, IDeviceFiles files, ILogSink logSink)
            : this(clock, files, logSink, null)
        {
        }

        /// <summary>A context from its parts.</summary>
        public DeviceContext(IClock clock, IDeviceFiles files, ILogSink logSink, IAppLoader loader)
        {
            Clock = clock;
            Files = files;
            LogSink = logSink;
            Loader = loader;
            UpdateStateSync = new object();
        }

        /// <summary>Time and threads.</summary>
        public IClock Clock { get; private set; }

        /// <summary>The internal flash drive.</summary>
        public IDeviceFiles Files { get; private set; }

        /// <summary>Where log lines go.</summary>
        public ILogSink LogSink { get; private set; }

        /// <summary>Held while update.state is read and written (the trial guard and the update agent run on different threads).</summary>
        public object UpdateStateSync { get; private set; }

        /// <summary>What starts the app of an update bundle, or null.</summary>
        public IAppLoader Loader { get; private set; }

        /// <summary>The real device: system clock, I:\ , the console and the CLR's assembly loader.</summary>
        public static DeviceContext ForDevice()
        {
            return new DeviceContext(new SystemClock(), new InternalFlashFiles(InternalFlashFiles.DefaultRoot), new ConsoleLogSink(), new AssemblyAppLoader());
        }
    }
}
