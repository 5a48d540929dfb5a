using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.AirQuality.Pms5003
{
    /// <summary>
    /// One PMS5003 data frame (Plantower datasheet, active mode): 32 bytes, 0x42 0x4D, a frame length of
    /// 28, thirteen big-endian words, then a 16-bit checksum of all the bytes before it.
    /// Words: PM1.0/PM2.5/PM10 "CF=1" (factory), PM1.0/PM2.5/PM10 atmospheric, particle counts per 0.1 L
    /// above 0.3, 0.5, 1.0, 2.5, 5 and 10 µm, and a reserved word (version, error code).
    /// </summary>
    public sealed class Pms5003Frame
    {
        /// <summary>Bytes in a frame.</summary>
        public const int Size = 32;

        /// <summary>First start byte.</summary>
        public const byte Start1 = 0x42;

        /// <summary>Second start byte.</summary>
        public const byte Start2 = 0x4D;

        /// <summary>Frame length field: 2 × 13 data words + 2 checksum bytes.</summary>
        public const int LengthField = 28;

        /// <summary>PM1.0 CF=1, µg/m³.</summary>
        public ushort Pm1Factory { get; set; }

        /// <summary>PM2.5 CF=1, µg/m³.</summary>
        public ushort Pm25Factory { get; set; }

        /// <summary>PM10 CF=1, µg/m³.</summary>
        public ushort Pm10Factory { get; set; }

        /// <summary>PM1.0 atmospheric, µg/m³ (what outdoor nodes report).</summary>
        public ushort Pm1 { get; set; }

        /// <summary>PM2.5 atmospheric, µg/m³.</summary>
        public ushort Pm25 { get; set; }

        /// <summary>PM10 atmospheric, µg/m³.</summary>
        public ushort Pm10 { get; set; }

        /// <summary>Particles above 0.3 µm per 0.1 L.</summary>
        public ushort Count03 { get; set; }

        /// <summary>Particles above 0.5 µm per 0.1 L.</summary>
        public ushort Count05 { get; set; }

        /// <summary>Particles above 1.0 µm per 0.1 L.</summary>
        public ushort Count10 { get; set; }

        /// <summary>Particles above 2.5 µm per 0.1 L.</summary>
        public ushort Count25 { get; set; }

        /// <summary>Particles above 5 µm per 0.1 L.</summary>
        public ushort Count50 { get; set; }

        /// <summary>Particles above 10 µm per 0.1 L.</summary>
        public ushort Count100 { get; set; }

        /// <summary>Reserved word: version (high byte) and error code (low byte).</summary>
        public ushort Reserved { get; set; }

        /// <summary>Reads the data words of a checked frame at <paramref name="offset"/>.</summary>
        public void ReadFrom(byte[] frame, int offset)
        {
            Pm1Factory = Word(frame, offset, 0);
            Pm25Factory = Word(frame, offset, 1);
            Pm10Factory = Word(frame, offset, 2);
            Pm1 = Word(frame, offset, 3);
            Pm25 = Word(frame, offset, 4);
            Pm10 = Word(frame, offset, 5);
            Count03 = Word(frame, offset, 6);
            Count05 = Word(frame, offset, 7);
            Count10 = Word(frame, offset, 8);
            Count25 = Word(frame, offset, 9);
            Count50 = Word(frame, offset, 10);
            Count100 = Word(frame, offset, 11);
            Reserved = Word(frame, offset, 12);
        }

        /// <summary>Writes a complete frame with its checksum (for emulated sensors and tests).</summary>
        public void WriteTo(byte[] frame, int offset)
        {
            frame[offset] = Start1;
            frame[offset + 1] = Start2;
            BigEndian.WriteUInt(frame, offset + 2, 2, LengthField);
            ushort[] words = new ushort[]
            {
                Pm1Factory, Pm25Factory, Pm10Factory, Pm1, Pm25, Pm10, Count03, Count05, Count10, Count25, Count50, Count100, Reserved
            };
            for (int i = 0; i < words.Length; i++)
            {
                BigEndian.WriteUInt(frame, offset + 4 + 2 * i, 2, words[i]);
            }

            BigEndian.WriteUInt(frame, offset + 30, 2, Checksum(frame, offset));
        }

        /// <summary>Sum of the first 30 bytes of a frame, modulo 65536.</summary>
        public static uint Checksum(byte[] frame, int offset)
        {
            uint sum = 0;
            for (int i = 0; i < 30; i++)
            {
                sum += frame[offset + i];
            }

            return sum & 0xFFFF;
        }

        private static ushort Word(byte[] frame, int offset, int index)
        {
            return (ushort)BigEndian.ReadUInt(frame, offset + 4 + 2 * index, 2);
        }
    }
}
