namespace EdgeDevices.Firmware.Security
{
    /// <summary>Bytes as hexadecimal text and back (keys in configuration, MACs in JSON commands).</summary>
    public static class HexText
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
        public static string Of(byte[] bytes)
        {
            char[] text = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                text[i * 2] = Digits[bytes[i] >> 4];
                text[(i * 2) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(text);
        }

        /// <summary>The bytes of <paramref name="text"/> (either case), or null when it is not exactly <paramref name="byteCount"/> bytes of hex.</summary>
        public static byte[] Parse(string text, int byteCount)
        {
            if (text == null || text.Length != byteCount * 2)
            {
                return null;
            }

            byte[] bytes = new byte[byteCount];
            for (int i = 0; i < byteCount; i++)
            {
                int high = Digit(text[i * 2]);
                int low = Digit(text[(i * 2) + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes[i] = (byte)((high << 4) | low);
            }

            return bytes;
        }

        /// <summary>The value of one hexadecimal digit (either case), or -1 (also used by the JSON reader's \u escapes).</summary>
        public static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
