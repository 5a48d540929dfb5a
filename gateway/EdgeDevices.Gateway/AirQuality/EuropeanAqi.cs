namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The European Air Quality Index of the EEA: each pollutant's concentration (µg/m³) falls in one of six
/// bands, and the worst band wins. Two editions, chosen by <c>airQuality.europeanIndexEdition</c>:
/// <list type="bullet">
/// <item><see cref="EuropeanAqiEdition.Eea2024"/>, the default: the EEA's revision aligned with the WHO 2021
/// guidelines (ETC HE Report 2024/17; the table of airindex.eea.europa.eu): new bands for all five
/// pollutants, every pollutant on hourly concentrations, particles included.</item>
/// <item><see cref="EuropeanAqiEdition.Pre2024"/>: the six-band scale before it (the one CAMS and Open-Meteo
/// still publish), with particles on a 24-hour running mean made only when 18 of the 24 hours have data;
/// kept for the continuity of series begun under it.</item>
/// </list>
/// The EEA prints its bands as whole-number ranges (0–5, 6–15 …); a concentration belongs to the first band
/// whose upper limit it does not exceed, so 5.0 µg/m³ of PM2.5 is still good and 5.01 fair. Hand-written: no
/// served package carries these tables (tests/reference-data/air-quality-indices/README.md has the sources).
/// </summary>
public static class EuropeanAqi
{
    /// <summary>The band names, best first.</summary>
    public static readonly string[] Bands = ["good", "fair", "moderate", "poor", "veryPoor", "extremelyPoor"];

    // Upper limits of good, fair, moderate, poor and very poor; above the last, extremely poor.
    private static readonly Dictionary<Pollutant, double[]> Limits2024 = new()
    {
        [Pollutant.Pm25] = [5, 15, 50, 90, 140],
        [Pollutant.Pm10] = [15, 45, 120, 195, 270],
        [Pollutant.No2] = [10, 25, 60, 100, 150],
        [Pollutant.O3] = [60, 100, 120, 160, 180],
        [Pollutant.So2] = [20, 40, 125, 190, 275],
    };

    private static readonly Dictionary<Pollutant, double[]> LimitsPre2024 = new()
    {
        [Pollutant.Pm25] = [10, 20, 25, 50, 75],
        [Pollutant.Pm10] = [20, 40, 50, 100, 150],
        [Pollutant.No2] = [40, 90, 120, 230, 340],
        [Pollutant.O3] = [50, 100, 130, 240, 380],
        [Pollutant.So2] = [100, 200, 350, 500, 750],
    };

    /// <summary>The edition's name as the output gives it.</summary>
    public static string Name(EuropeanAqiEdition edition) => edition switch
    {
        EuropeanAqiEdition.Eea2024 => "EEA European Air Quality Index, 2024 revision (ETC HE Report 2024/17; hourly)",
        _ => "EEA European Air Quality Index, pre-2024 bands (particles as 24-hour running means)",
    };

    /// <summary>The hours a concentration is averaged over before it is banded.</summary>
    public static int AveragingHours(EuropeanAqiEdition edition, Pollutant pollutant) =>
        edition == EuropeanAqiEdition.Pre2024 && pollutant is Pollutant.Pm25 or Pollutant.Pm10 ? 24 : 1;

    /// <summary>Of the hours averaged, how many must have data (the pre-2024 running mean needs 18 of 24).</summary>
    public static int RequiredHours(EuropeanAqiEdition edition, Pollutant pollutant) =>
        AveragingHours(edition, pollutant) == 24 ? 18 : 1;

    /// <summary>The band (0 = good … 5 = extremely poor) of a concentration in µg/m³, or null for a pollutant without a scale.</summary>
    public static int? Band(EuropeanAqiEdition edition, Pollutant pollutant, double microgramsPerCubicMetre)
    {
        var table = edition == EuropeanAqiEdition.Eea2024 ? Limits2024 : LimitsPre2024;
        if (!table.TryGetValue(pollutant, out var limits) || double.IsNaN(microgramsPerCubicMetre) || microgramsPerCubicMetre < 0)
        {
            return null;
        }

        var band = 0;
        while (band < limits.Length && microgramsPerCubicMetre > limits[band])
        {
            band++;
        }

        return band;
    }
}

/// <summary>Which European index table the gateway reports.</summary>
public enum EuropeanAqiEdition
{
    /// <summary>The 2024 revision (default).</summary>
    Eea2024,

    /// <summary>The six-band scale before the revision.</summary>
    Pre2024,
}
