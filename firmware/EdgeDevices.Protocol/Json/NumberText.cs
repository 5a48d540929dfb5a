using System.Text;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// Writes integers and fixed-point values as invariant decimal text. Used instead of ToString() so
    /// the output does not depend on the host's culture (some cultures print U+2212 for minus) or on
    /// nanoFramework's limited format specifiers.
    /// </summary>
    public static class NumberText
    {
        /// <summary>Appends <paramref name="value"/> in decimal.</summary>
        public static void AppendInteger(StringBuilder sb, long value)
        {
            AppendScaled(sb, value, 0);
        }

        /// <summary>
        /// Appends <paramref name="scaled"/> / 10^<paramref name="decimals"/> with exactly that many
        /// decimals: (2150, 2) gives "21.50", (-5, 1) gives "-0.5".
        /// </summary>
        public static void AppendScaled(StringBuilder sb, long scaled, int decimals)
        {
            // Work on the negative magnitude so long.MinValue needs no special case.
            bool negative = scaled < 0;
            long n = negative ? scaled : -scaled;
            char[] digits = new char[20 + decimals];
            int count = 0;
            while (n != 0 || count <= decimals)
            {
                digits[count++] = (char)('0' - (int)(n % 10));
                n /= 10;
            }

            if (negative)
            {
                sb.Append('-');
            }

            for (int i = count - 1; i >= 0; i--)
            {
                sb.Append(digits[i]);
                if (i == decimals && decimals > 0)
                {
                    sb.Append('.');
                }
            }
        }

        /// <summary>The decimal text of <paramref name="value"/>.</summary>
        public static string Integer(long value)
        {
            StringBuilder sb = new StringBuilder(20);
            AppendInteger(sb, value);
            return sb.ToString();
        }
    }
}
