namespace EdgeDevices.Firmware.Binary
{
    /// <summary>
    /// Big-endian (network order) integers in byte arrays, in place. nanoFramework's BitConverter is
    /// little-endian only and BinaryPrimitives is a separate package; these few lines serve the codec
    /// and the storage records alike.
    /// </summary>
    public static class BigEndian
    {
        /// <summary>Writes the low <paramref name="bytes"/> bytes (1–4) of <paramref name="value"/>.</summary>
        public static void WriteUInt(byte[] buffer, int offset, int bytes, uint value)
        {
            for (int i = bytes - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }

        /// <summary>Reads an unsigned integer of <paramref name="bytes"/> bytes (1–4).</summary>
        public static uint ReadUInt(byte[] buffer, int offset, int bytes)
        {
            uint value = 0;
            for (int i = 0; i < bytes; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }
    }
}
