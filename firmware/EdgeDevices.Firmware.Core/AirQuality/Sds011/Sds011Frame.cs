namespace EdgeDevices.Firmware.AirQuality.Sds011
{
    /// <summary>
    /// One SDS011 data frame (Nova Fitness protocol): 10 bytes, AA C0, PM2.5 and PM10 as little-endian
    /// tenths of µg/m³, a two-byte device id, a checksum (low byte of the sum of the six data bytes), AB.
    /// </summary>
    public sealed class Sds011Frame
    {
        /// <summary>Bytes in a frame.</summary>
        public const int Size = 10;

        /// <summary>Head byte.</summary>
        public const byte Head = 0xAA;

        /// <summary>Command byte of a measurement frame.</summary>
        public const byte DataCommand = 0xC0;

        /// <summary>Tail byte.</summary>
        public const byte Tail = 0xAB;

        /// <summary>PM2.5, tenths of µg/m³.</summary>
        public int Pm25Tenths { get; set; }

        /// <summary>PM10, tenths of µg/m³.</summary>
        public int Pm10Tenths { get; set; }

        /// <summary>The sensor's id.</summary>
        public int DeviceId { get; set; }

        /// <summary>Reads a checked frame.</summary>
        public void ReadFrom(byte[] frame, int offset)
        {
            Pm25Tenths = frame[offset + 2] | (frame[offset + 3] << 8);
            Pm10Tenths = frame[offset + 4] | (frame[offset + 5] << 8);
            DeviceId = frame[offset + 6] | (frame[offset + 7] << 8);
        }

        /// <summary>Writes a complete frame (for emulated sensors and tests).</summary>
        public void WriteTo(byte[] frame, int offset)
        {
            frame[offset] = Head;
            frame[offset + 1] = DataCommand;
            frame[offset + 2] = (byte)Pm25Tenths;
            frame[offset + 3] = (byte)(Pm25Tenths >> 8);
            frame[offset + 4] = (byte)Pm10Tenths;
            frame[offset + 5] = (byte)(Pm10Tenths >> 8);
            frame[offset + 6] = (byte)DeviceId;
            frame[offset + 7] = (byte)(DeviceId >> 8);
            frame[offset + 8] = Checksum(frame, offset);
            frame[offset + 9] = Tail;
        }

        /// <summary>Low byte of the sum of data bytes 2–7.</summary>
        public static byte Checksum(byte[] frame, int offset)
        {
            int sum = 0;
            for (int i = 2; i < 8; i++)
            {
                sum += frame[offset + i];
            }

            return (byte)sum;
        }
    }
}
