namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// A JSON number kept as its text, converted exactly to fixed-point integers on demand. Parsing to
    /// double and back would depend on the host's culture and on single-precision maths on the device;
    /// integers do not.
    /// </summary>
    public sealed class JsonNumber
    {
        private const int MaxDigits = 18;

        /// <summary>Creates a number from its JSON text, already checked by <see cref="JsonReader"/>.</summary>
        internal JsonNumber(string text)
        {
            Text = text;
        }

        /// <summary>The number as written.</summary>
        public string Text { get; private set; }

        /// <summary>The value if it is a whole number that fits in a long.</summary>
        public bool TryGetInteger(out long value)
        {
            bool exact;
            return TryScale(0, out value, out exact) && exact;
        }

        /// <summary>
        /// The value times 10^<paramref name="decimals"/>, rounded half away from zero
        /// ("21.456" with 2 decimals gives 2146). False when it does not fit in a long.
        /// </summary>
        public bool TryGetScaled(int decimals, out long value)
        {
            bool exact;
            return TryScale(decimals, out value, out exact);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return Text;
        }

        private bool TryScale(int decimals, out long value, out bool exact)
        {
            value = 0;
            exact = true;
            string s = Text;
            int i = 0;
            bool negative = false;
            if (i < s.Length && s[i] == '-')
            {
                negative = true;
                i++;
            }

            // Significant digits (leading zeros dropped) and how many of them follow the decimal point.
            char[] digits = new char[s.Length];
            int count = 0;
            int fractionDigits = 0;
            bool inFraction = false;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '.')
                {
                    inFraction = true;
                    continue;
                }

                if (c < '0' || c > '9')
                {
                    break;
                }

                if (inFraction)
                {
                    fractionDigits++;
                }

                if (count == 0 && c == '0')
                {
                    continue;
                }

                digits[count++] = c;
            }

            int exponent = 0;
            if (i < s.Length)
            {
                // e / E with optional sign; JsonReader guarantees the syntax.
                i++;
                bool expNegative = false;
                if (i < s.Length && (s[i] == '+' || s[i] == '-'))
                {
                    expNegative = s[i] == '-';
                    i++;
                }

                for (; i < s.Length; i++)
                {
                    if (exponent > 1000)
                    {
                        return false;
                    }

                    exponent = exponent * 10 + (s[i] - '0');
                }

                if (expNegative)
                {
                    exponent = -exponent;
                }
            }

            int shift = exponent - fractionDigits + decimals;
            int keep = shift < 0 ? count + shift : count;
            if (keep + (shift > 0 ? shift : 0) > MaxDigits)
            {
                return false;
            }

            long result = 0;
            for (int d = 0; d < keep; d++)
            {
                result = result * 10 + (digits[d] - '0');
            }

            for (int d = 0; d < shift; d++)
            {
                result *= 10;
            }

            if (keep < count)
            {
                int firstDropped = keep < 0 ? -1 : keep;
                for (int d = firstDropped < 0 ? 0 : firstDropped; d < count; d++)
                {
                    if (digits[d] != '0')
                    {
                        exact = false;
                    }
                }

                if (firstDropped >= 0 && digits[firstDropped] >= '5')
                {
                    result++;
                }
            }

            value = negative ? -result : result;
            return true;
        }
    }
}
