namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// The device's own files: fixed-size regions for records that must survive power loss (outbox,
    /// counters) and small text files (configuration, schedule). On the device this is the internal flash
    /// drive I:\; in emulation, an emulated flash chip per device.
    /// </summary>
    public interface IDeviceFiles
    {
        /// <summary>A region of exactly <paramref name="size"/> bytes, created erased if new.</summary>
        IFlashStorage OpenRegion(string name, int size);

        /// <summary>The text of a file, or null when it does not exist.</summary>
        string ReadText(string name);

        /// <summary>Replaces a file's text (written to a temporary name, then renamed over the old one).</summary>
        void WriteText(string name, string text);

        /// <summary>Deletes a file if it exists.</summary>
        void Delete(string name);
    }
}
