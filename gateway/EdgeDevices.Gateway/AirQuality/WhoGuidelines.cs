namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// WHO 2021 Air Quality Guideline levels for daily (24-hour) means, µg/m³: PM2.5 15, PM10 45, NO2 25,
/// SO2 40. A day whose mean is above the level is an exceedance day.
/// </summary>
public static class WhoGuidelines
{
    /// <summary>The 24-hour guideline level, or null when WHO 2021 sets none for the pollutant.</summary>
    public static double? DailyLevel(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => 15,
        Pollutant.Pm10 => 45,
        Pollutant.No2 => 25,
        Pollutant.So2 => 40,
        _ => null,
    };

    /// <summary>Whether a daily mean exceeds the guideline.</summary>
    public static bool Exceeds(Pollutant pollutant, double dailyMean) => DailyLevel(pollutant) is { } level && dailyMean > level;
}
