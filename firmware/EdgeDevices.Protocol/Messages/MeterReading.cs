namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// A meter channel's running total in thousandths of the medium's unit (Wh for kWh, litres for m³).
    /// The JSON form carries the full total; the compact form carries it modulo 2^28
    /// (<see cref="CompactTotalModulus"/>) and the gateway unwraps it against the previous reading.
    /// </summary>
    public sealed class MeterReading : Message
    {
        /// <summary>The modulus of the total in the compact form.</summary>
        public const long CompactTotalModulus = 268435456;

        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.MeterReading; }
        }

        /// <summary>What the channel measures.</summary>
        public MeterMedium Medium { get; set; }

        /// <summary>Input channel on the node, 0–3.</summary>
        public byte Channel { get; set; }

        /// <summary>Running total in thousandths of the unit; never decreases on a healthy meter.</summary>
        public long TotalMilli { get; set; }

        /// <summary>
        /// Rebuilds a full total from a compact (modular) one, given the last full total known for the
        /// channel: of the values congruent to <paramref name="wireTotalMilli"/>, the one nearest to
        /// <paramref name="previousTotalMilli"/>. A forward wrap therefore unwraps, and a real decrease
        /// (a replaced or tampered meter) stays a decrease, for validation to flag.
        /// </summary>
        public static long UnwrapTotal(long previousTotalMilli, long wireTotalMilli)
        {
            long candidate = previousTotalMilli - (previousTotalMilli % CompactTotalModulus) + wireTotalMilli;
            long half = CompactTotalModulus / 2;
            if (candidate - previousTotalMilli > half && candidate >= CompactTotalModulus)
            {
                candidate -= CompactTotalModulus;
            }
            else if (previousTotalMilli - candidate > half)
            {
                candidate += CompactTotalModulus;
            }

            return candidate;
        }
    }
}
