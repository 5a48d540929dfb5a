namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// A fixed-size region of persistent storage: a file on the device's internal flash (I:\), an
    /// emulated flash chip in tests. Writes may be cut at any byte by a power loss; everything built on
    /// this interface detects that with CRCs instead of trusting it.
    /// </summary>
    public interface IFlashStorage
    {
        /// <summary>Size of the region in bytes.</summary>
        int Length { get; }

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="position"/> into <paramref name="buffer"/>.</summary>
        void Read(int position, byte[] buffer, int offset, int count);

        /// <summary>Writes <paramref name="count"/> bytes from <paramref name="buffer"/> at <paramref name="position"/>.</summary>
        void Write(int position, byte[] buffer, int offset, int count);

        /// <summary>Makes every completed write durable.</summary>
        void Flush();
    }
}
