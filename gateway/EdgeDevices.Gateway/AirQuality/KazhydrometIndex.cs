namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// Kazakhstan's own assessment of air pollution, as RGP "Kazhydromet" reports it in its bulletins
/// («Информационный бюллетень о состоянии окружающей среды») after the Roshydromet guidance it applies,
/// RD 52.04.667-2005, table 1:
/// <list type="bullet">
/// <item>СИ, the standard index: the highest single concentration divided by the maximum single MPC
/// (ПДК м.р.); a single concentration is a 20-minute mean.</item>
/// <item>НП, the highest recurrence: the share, in per cent, of single concentrations above the ПДК м.р.</item>
/// <item>The level: I low (СИ 0–1, НП 0 %), II elevated (СИ 2–4, НП 1–19 %), III high (СИ 5–10, НП 20–49 %),
/// IV very high (СИ above 10, НП 50 % and above); when СИ and НП fall in different levels, the higher one
/// counts. The table prints whole-number ranges; the gaps between them (СИ 1–2, 4–5) close towards the
/// worse level, so an СИ of 4.3 is already high.</item>
/// </list>
/// Each is computed per pollutant and the highest wins. The ПДК м.р. are the hygienic norms for
/// atmospheric air of the Order of the Minister of Health of the Republic of Kazakhstan of 2 August 2022
/// No. ҚР ДСМ-70: PM2.5 0.16 mg/m³ and PM10 0.3 mg/m³ (the values Kazhydromet's daily bulletins divide
/// by, e.g. 133 µg/m³ of PM2.5 reported as 0.8 ПДК). Only the particles our nodes measure are covered.
/// No peer system computes this; hand-written (tests/reference-data/air-quality-indices/README.md has the
/// sources and what was and was not checked against the primary texts).
/// </summary>
public static class KazhydrometIndex
{
    /// <summary>Minutes a single concentration is averaged over.</summary>
    public const int SingleSampleMinutes = 20;

    /// <summary>The level names, I to IV.</summary>
    public static readonly string[] Levels = ["low", "elevated", "high", "veryHigh"];

    /// <summary>The maximum single MPC (ПДК м.р.) in µg/m³, or null for a pollutant not covered.</summary>
    public static double? MaxSingleMpc(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => 160,
        Pollutant.Pm10 => 300,
        _ => null,
    };

    /// <summary>The level (0 = I low … 3 = IV very high) of an СИ and an НП (per cent).</summary>
    public static int Level(double si, double np) => Math.Max(LevelOfSi(si), LevelOfNp(np));

    /// <summary>The level an СИ alone gives.</summary>
    public static int LevelOfSi(double si) => si switch
    {
        <= 1 => 0,
        <= 4 => 1,
        <= 10 => 2,
        _ => 3,
    };

    /// <summary>The level an НП (per cent) alone gives.</summary>
    public static int LevelOfNp(double np) => np switch
    {
        <= 0 => 0,
        < 20 => 1,
        < 50 => 2,
        _ => 3,
    };

    /// <summary>
    /// СИ, НП and the level of the samples (time, µg/m³ per pollutant) taken together, as Kazhydromet does for
    /// a city: the samples are first made into 20-minute means (the single concentrations); СИ is the highest
    /// over the pollutants, НП too, and the level follows from both. Null when there are none.
    /// </summary>
    public static KazhydrometAssessment? Assess(IEnumerable<(DateTimeOffset Time, Pollutant Pollutant, double Concentration)> samples)
    {
        (double Value, Pollutant Pollutant)? si = null;
        (double Value, Pollutant Pollutant)? np = null;
        var count = 0;
        foreach (var byPollutant in samples.GroupBy(s => s.Pollutant))
        {
            if (MaxSingleMpc(byPollutant.Key) is not { } mpc)
            {
                continue;
            }

            var singles = byPollutant
                .GroupBy(s => s.Time.ToUnixTimeSeconds() / (SingleSampleMinutes * 60))
                .Select(g => g.Average(s => s.Concentration))
                .ToList();
            count = Math.Max(count, singles.Count);
            var pollutantSi = singles.Max() / mpc;
            var pollutantNp = 100.0 * singles.Count(c => c > mpc) / singles.Count;
            if (si == null || pollutantSi > si.Value.Value)
            {
                si = (pollutantSi, byPollutant.Key);
            }

            if (np == null || pollutantNp > np.Value.Value)
            {
                np = (pollutantNp, byPollutant.Key);
            }
        }

        if (si is not { } s || np is not { } n)
        {
            return null;
        }

        return new KazhydrometAssessment(Math.Round(s.Value, 2), Name(s.Pollutant), Math.Round(n.Value, 1), Name(n.Pollutant), Levels[Level(s.Value, n.Value)], count);
    }

    private static string Name(Pollutant pollutant) => pollutant == Pollutant.Pm25 ? "pm25" : "pm10";
}

/// <summary>СИ and НП (per cent) with the pollutant behind each, the level they give, and how many single concentrations went into them.</summary>
public sealed record KazhydrometAssessment(double Si, string SiPollutant, double Np, string NpPollutant, string Level, int SingleConcentrations);
