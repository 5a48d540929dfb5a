namespace EdgeDevices.Firmware.Device.Logging
{
    /// <summary>Where log lines go: the serial console on the device, the emulated board's log on the host.</summary>
    public interface ILogSink
    {
        /// <summary>Writes one line.</summary>
        void Write(string line);
    }
}
