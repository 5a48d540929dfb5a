namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit: no 1 KB table in the device heap,
    /// and records are tens of bytes, so the speed is irrelevant.
    /// </summary>
    public static class Crc32
    {
        /// <summary>CRC of <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
