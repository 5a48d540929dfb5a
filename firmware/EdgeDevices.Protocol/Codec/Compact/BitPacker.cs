namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// Reads and writes bit fields most-significant-bit first, so a packed body reads left to right in
    /// the same order as its table in docs/wire-format.md. Works in place on the caller's buffer: no
    /// allocation per message.
    /// </summary>
    internal static class BitPacker
    {
        /// <summary>Writes the low <paramref name="width"/> bits of <paramref name="value"/> at <paramref name="bitPosition"/> bits after <paramref name="offset"/>.</summary>
        public static void Write(byte[] buffer, int offset, int bitPosition, int width, uint value)
        {
            for (int i = 0; i < width; i++)
            {
                int bit = bitPosition + i;
                int index = offset + (bit >> 3);
                int mask = 0x80 >> (bit & 7);
                if (((value >> (width - 1 - i)) & 1) != 0)
                {
                    buffer[index] = (byte)(buffer[index] | mask);
                }
                else
                {
                    buffer[index] = (byte)(buffer[index] & ~mask);
                }
            }
        }

        /// <summary>Reads <paramref name="width"/> bits at <paramref name="bitPosition"/> bits after <paramref name="offset"/>.</summary>
        public static uint Read(byte[] buffer, int offset, int bitPosition, int width)
        {
            uint value = 0;
            for (int i = 0; i < width; i++)
            {
                int bit = bitPosition + i;
                int index = offset + (bit >> 3);
                value = (value << 1) | (uint)((buffer[index] >> (7 - (bit & 7))) & 1);
            }

            return value;
        }
    }
}
