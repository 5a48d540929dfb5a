namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// The regional parameters the device needs (LoRa Alliance RP002-1.0.4): per data rate, the spreading
    /// factor, bandwidth and largest application payload (N, with no MAC commands in FOpts), and the share
    /// of airtime the device allows itself. IN865 is the default for Kazakhstan: its 865–867 MHz plan lies
    /// inside the national 863–868 MHz allocation. Neither the IN865 plan nor the Kazakh rules set a duty
    /// cycle; the device keeps to 1 % anyway, as EU868 demands, so a street of nodes stays a good neighbour
    /// (docs/lorawan.md).
    /// </summary>
    public sealed class LoRaRegion
    {
        /// <summary>Spreading factor 0 marks an FSK data rate.</summary>
        public const int Fsk = 0;

        private readonly int[] _spreadingFactor;
        private readonly int[] _bandwidthKHz;
        private readonly int[] _maxPayload;

        private LoRaRegion(string name, int defaultDataRate, int dutyCyclePermille, int[] spreadingFactor, int[] bandwidthKHz, int[] maxPayload)
        {
            Name = name;
            DefaultDataRate = defaultDataRate;
            DutyCyclePermille = dutyCyclePermille;
            _spreadingFactor = spreadingFactor;
            _bandwidthKHz = bandwidthKHz;
            _maxPayload = maxPayload;
        }

        /// <summary>The region's name as the modem and ChirpStack spell it.</summary>
        public string Name { get; private set; }

        /// <summary>The data rate a device starts with (the slowest, most robust).</summary>
        public int DefaultDataRate { get; private set; }

        /// <summary>Airtime allowed per thousand of time.</summary>
        public int DutyCyclePermille { get; private set; }

        /// <summary>The highest data rate defined.</summary>
        public int MaxDataRate
        {
            get { return _maxPayload.Length - 1; }
        }

        /// <summary>Spreading factor at <paramref name="dataRate"/> (0 for FSK).</summary>
        public int SpreadingFactor(int dataRate)
        {
            return _spreadingFactor[Clamp(dataRate)];
        }

        /// <summary>Bandwidth at <paramref name="dataRate"/>, kHz.</summary>
        public int BandwidthKHz(int dataRate)
        {
            return _bandwidthKHz[Clamp(dataRate)];
        }

        /// <summary>The largest application payload at <paramref name="dataRate"/>, bytes.</summary>
        public int MaxPayload(int dataRate)
        {
            return _maxPayload[Clamp(dataRate)];
        }

        /// <summary>Time on air of <paramref name="payloadBytes"/> at <paramref name="dataRate"/>, milliseconds.</summary>
        public int AirtimeMilliseconds(int payloadBytes, int dataRate)
        {
            int sf = SpreadingFactor(dataRate);
            return sf == Fsk ? LoRaAirtime.FskMilliseconds(payloadBytes) : LoRaAirtime.Milliseconds(payloadBytes, sf, BandwidthKHz(dataRate));
        }

        /// <summary>The region called <paramref name="name"/>, or null when the firmware does not know it.</summary>
        public static LoRaRegion ForName(string name)
        {
            if (name == "IN865")
            {
                // RP002-1.0.4 §2.12: DR0–5 SF12…SF7 at 125 kHz, DR6 reserved, DR7 FSK 50 kbit/s.
                return new LoRaRegion(name, 0, 10, new int[] { 12, 11, 10, 9, 8, 7, 7, Fsk }, new int[] { 125, 125, 125, 125, 125, 125, 125, 0 }, new int[] { 51, 51, 51, 115, 242, 242, 0, 242 });
            }

            if (name == "EU868" || name == "RU864")
            {
                // RP002-1.0.4 §2.4 and §2.14: DR6 is SF7 at 250 kHz; 1 % duty cycle in the sub-bands used.
                return new LoRaRegion(name, 0, 10, new int[] { 12, 11, 10, 9, 8, 7, 7, Fsk }, new int[] { 125, 125, 125, 125, 125, 125, 250, 0 }, new int[] { 51, 51, 51, 115, 242, 242, 242, 242 });
            }

            if (name == "AS923")
            {
                // RP002-1.0.4 §2.8 with uplink dwell time on (400 ms, as Japan requires): DR0 and DR1 carry
                // nothing, DR2 only 11 bytes; the default is therefore DR2.
                return new LoRaRegion(name, 2, 10, new int[] { 12, 11, 10, 9, 8, 7, 7, Fsk }, new int[] { 125, 125, 125, 125, 125, 125, 250, 0 }, new int[] { 0, 0, 11, 53, 125, 242, 242, 242 });
            }

            return null;
        }

        private int Clamp(int dataRate)
        {
            return dataRate < 0 ? 0 : dataRate > MaxDataRate ? MaxDataRate : dataRate;
        }
    }
}
