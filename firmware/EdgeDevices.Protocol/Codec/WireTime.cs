namespace EdgeDevices.Firmware.Codec
{
    /// <summary>
    /// Time in the compact form: 24 bits counting whole minutes since 2024-01-01T00:00Z plus one, with 0
    /// meaning "device clock not set". That reaches to late 2055 and keeps the header at 8 bytes, which is
    /// what lets an air-quality reading fit in 16. Seconds are dropped; ordering within a minute comes
    /// from the sequence number.
    /// </summary>
    public static class WireTime
    {
        /// <summary>2024-01-01T00:00:00Z in Unix seconds.</summary>
        public const uint EpochUnixSeconds = 1704067200;

        /// <summary>Largest wire value.</summary>
        public const uint MaxWireMinutes = 0xFFFFFF;

        /// <summary>Latest Unix time the compact form can carry.</summary>
        public const uint MaxUnixSeconds = EpochUnixSeconds + (MaxWireMinutes - 1) * 60 + 59;

        /// <summary>Unix seconds (0 = unknown) to the 24-bit wire value.</summary>
        public static uint ToWire(uint unixSeconds)
        {
            if (unixSeconds == 0)
            {
                return 0;
            }

            if (unixSeconds < EpochUnixSeconds || unixSeconds > MaxUnixSeconds)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "ts", "timestamp outside 2024-01-01..2055 cannot be sent in compact form");
            }

            return (unixSeconds - EpochUnixSeconds) / 60 + 1;
        }

        /// <summary>The 24-bit wire value to Unix seconds at the start of that minute (0 = unknown).</summary>
        public static uint FromWire(uint wireMinutes)
        {
            if (wireMinutes == 0)
            {
                return 0;
            }

            return EpochUnixSeconds + (wireMinutes - 1) * 60;
        }
    }
}
