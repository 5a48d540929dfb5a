namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// Time on air of a LoRaWAN frame (Semtech AN1200.13 formula): explicit header, CRC on, coding rate
    /// 4/5, 8-symbol preamble, low-data-rate optimisation at SF11 and SF12 on 125 kHz, and the 13 bytes of
    /// MAC overhead (MHDR, FHDR, FPort, MIC) added to the application payload. Integer arithmetic in
    /// microseconds, so the device needs no floating point for it.
    /// </summary>
    public static class LoRaAirtime
    {
        /// <summary>Bytes LoRaWAN adds to the application payload.</summary>
        public const int MacOverhead = 13;

        private const int PreambleSymbols = 8;
        private const int CodingRate = 1;

        /// <summary>Airtime of <paramref name="payloadBytes"/> at spreading factor <paramref name="sf"/> and <paramref name="bandwidthKHz"/>, ms (rounded up).</summary>
        public static int Milliseconds(int payloadBytes, int sf, int bandwidthKHz)
        {
            int length = payloadBytes + MacOverhead;
            int lowDataRate = sf >= 11 && bandwidthKHz == 125 ? 1 : 0;
            int numerator = (8 * length) - (4 * sf) + 28 + 16;
            int denominator = 4 * (sf - (2 * lowDataRate));
            int blocks = numerator <= 0 ? 0 : (numerator + denominator - 1) / denominator;
            int payloadSymbols = 8 + (blocks * (CodingRate + 4));

            // Symbol time in microseconds: 2^SF / BW.
            long symbolMicros = (1L << sf) * 1000L / bandwidthKHz;

            // Preamble: (8 + 4.25) symbols, in quarter symbols to stay in integers.
            long micros = (((PreambleSymbols * 4) + 17) * symbolMicros / 4) + (payloadSymbols * symbolMicros);
            return (int)((micros + 999) / 1000);
        }

        /// <summary>Airtime of an FSK 50 kbit/s frame: preamble 5, sync word 3, length 1, CRC 2 bytes around the MAC frame.</summary>
        public static int FskMilliseconds(int payloadBytes)
        {
            int bits = (5 + 3 + 1 + 2 + MacOverhead + payloadBytes) * 8;
            return (bits + 49) / 50;
        }
    }
}
