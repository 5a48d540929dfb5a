namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The European Air Quality Index (EEA, hourly; the six-band scale CAMS publishes): each pollutant's
/// concentration falls in a band, the worst band wins. Thresholds in µg/m³ at which a band starts.
/// </summary>
public static class EuropeanAqi
{
    /// <summary>The band names, best first.</summary>
    public static readonly string[] Bands = ["good", "fair", "moderate", "poor", "veryPoor", "extremelyPoor"];

    private static readonly double[] Pm25 = [0, 10, 20, 25, 50, 75];
    private static readonly double[] Pm10 = [0, 20, 40, 50, 100, 150];
    private static readonly double[] No2 = [0, 40, 90, 120, 230, 340];
    private static readonly double[] O3 = [0, 50, 100, 130, 240, 380];
    private static readonly double[] So2 = [0, 100, 200, 350, 500, 750];

    /// <summary>The band (0 = good … 5 = extremely poor) of a concentration in µg/m³, or null for a pollutant without a scale.</summary>
    public static int? Band(Pollutant pollutant, double microgramsPerCubicMetre)
    {
        var starts = pollutant switch
        {
            Pollutant.Pm25 => Pm25,
            Pollutant.Pm10 => Pm10,
            Pollutant.No2 => No2,
            Pollutant.O3 => O3,
            Pollutant.So2 => So2,
            _ => null,
        };
        if (starts == null || double.IsNaN(microgramsPerCubicMetre) || microgramsPerCubicMetre < 0)
        {
            return null;
        }

        var band = 0;
        for (var i = 1; i < starts.Length; i++)
        {
            // A band's upper limit belongs to it: 10 µg/m³ of PM2.5 is still "good".
            if (microgramsPerCubicMetre > starts[i])
            {
                band = i;
            }
        }

        return band;
    }
}
