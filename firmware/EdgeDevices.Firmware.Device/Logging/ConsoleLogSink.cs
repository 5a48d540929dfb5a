using System;

namespace EdgeDevices.Firmware.Device.Logging
{
    /// <summary>
    /// Log lines to the console, which nanoFramework sends to the debug port (COM1). Console output is
    /// always compiled in; Debug.WriteLine is not in Release builds.
    /// </summary>
    public sealed class ConsoleLogSink : ILogSink
    {
        /// <inheritdoc />
        public void Write(string line)
        {
            Console.WriteLine(line);
        }
    }
}
