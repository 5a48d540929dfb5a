using System;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Logging
{
    /// <summary>The firmware's log: one line per event, prefixed with seconds since boot and a level.</summary>
    public sealed class DeviceLog
    {
        private readonly IClock _clock;
        private readonly ILogSink _sink;

        /// <summary>A log writing to <paramref name="sink"/>.</summary>
        public DeviceLog(IClock clock, ILogSink sink)
        {
            _clock = clock;
            _sink = sink;
        }

        /// <summary>Something worth knowing.</summary>
        public void Info(string message)
        {
            Write("INFO ", message);
        }

        /// <summary>Something wrong that the firmware handles.</summary>
        public void Warn(string message)
        {
            Write("WARN ", message);
        }

        /// <summary>Something wrong that costs a function.</summary>
        public void Error(string message, Exception ex)
        {
            Write("ERROR", ex == null ? message : message + ": " + ex.Message);
        }

        private void Write(string level, string message)
        {
            _sink.Write("[" + (_clock.UptimeMilliseconds / 1000).ToString() + "s] " + level + " " + message);
        }
    }
}
