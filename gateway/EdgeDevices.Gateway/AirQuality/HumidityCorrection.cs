namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The US EPA's US-wide correction for Plantower PMS5003 PM2.5 (Barkjohn et al. 2021, for the sensor's
/// CF=1 output): PM2.5 = 0.524 · raw − 0.0862 · RH + 5.75, with RH the sensor's own relative humidity in %.
/// Enabled per node; readings above 70 % RH are flagged either way, since optical counters overread
/// growing droplets there.
/// </summary>
public static class HumidityCorrection
{
    /// <summary>Above this relative humidity a PM reading is flagged.</summary>
    public const double FlagAbovePercent = 70;

    /// <summary>The corrected PM2.5, never below zero.</summary>
    public static double EpaPm25(double rawMicrograms, double relativeHumidityPercent) =>
        Math.Max(0, (0.524 * rawMicrograms) - (0.0862 * relativeHumidityPercent) + 5.75);
}
