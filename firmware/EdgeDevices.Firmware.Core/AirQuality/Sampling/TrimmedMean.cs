namespace EdgeDevices.Firmware.AirQuality.Sampling
{
    /// <summary>
    /// The mean without the lowest and highest value, as sensor.community's firmware averages a cycle:
    /// one spike (a passing lorry, an insect in the inlet) does not move the result.
    /// </summary>
    public static class TrimmedMean
    {
        /// <summary>
        /// Trimmed mean of the first <paramref name="count"/> values, rounded half away from zero; with fewer than three values
        /// the plain mean. 0 for no values.
        /// </summary>
        public static int Of(int[] values, int count)
        {
            if (count <= 0)
            {
                return 0;
            }

            long sum = 0;
            int min = values[0];
            int max = values[0];
            for (int i = 0; i < count; i++)
            {
                sum += values[i];
                if (values[i] < min)
                {
                    min = values[i];
                }

                if (values[i] > max)
                {
                    max = values[i];
                }
            }

            int n = count;
            if (count >= 3)
            {
                sum -= min + max;
                n -= 2;
            }

            // Round half away from zero: a winter mean of -15.1967 °C is -15.20, not -15.19.
            return (int)(sum >= 0 ? (sum + n / 2) / n : (sum - n / 2) / n);
        }
    }
}
