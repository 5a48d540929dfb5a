namespace EdgeDevices.Firmware.Update
{
    /// <summary>"major.minor.patch" of decimal digits, read without exceptions (a manifest or a message may carry anything).</summary>
    public static class VersionText
    {
        /// <summary>The three parts of <paramref name="text"/>; false unless it is exactly three dot-separated numbers below 1,000,000.</summary>
        public static bool TryParse(string text, out int major, out int minor, out int patch)
        {
            major = -1;
            minor = -1;
            patch = -1;
            if (text == null)
            {
                return false;
            }

            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (digits == 0 || part > 2)
                    {
                        return false;
                    }

                    if (part == 0)
                    {
                        major = value;
                    }
                    else if (part == 1)
                    {
                        minor = value;
                    }
                    else
                    {
                        patch = value;
                    }

                    part++;
                    value = 0;
                    digits = 0;
                    continue;
                }

                char c = text[i];
                if (c < '0' || c > '9' || digits == 6)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
                digits++;
            }

            return part == 3;
        }
    }
}
