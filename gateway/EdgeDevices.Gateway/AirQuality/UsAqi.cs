namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The US EPA Air Quality Index with the breakpoints of the May 2024 Technical Assistance Document
/// (EPA-454/B-24-002; PM2.5 "good" now ends at 9.0 µg/m³). A sub-index is the linear interpolation
/// I = (I_hi − I_lo) / (C_hi − C_lo) · (C − C_lo) + I_lo within the concentration's band, after truncating the
/// concentration to the table's precision (PM2.5 0.1 µg/m³, PM10 1 µg/m³, O3/NO2/SO2 1 ppb, CO 0.1 ppm),
/// rounded to the nearest whole number; the AQI is the highest sub-index. Hand-written: no served package
/// carries these tables. Values above a table (O3 beyond its 8-hour table, SO2 beyond its 1-hour table)
/// have no sub-index here rather than a wrong one.
/// </summary>
public static class UsAqi
{
    private static readonly (double Lo, double Hi, int ILo, int IHi)[] Pm25 =
        [(0.0, 9.0, 0, 50), (9.1, 35.4, 51, 100), (35.5, 55.4, 101, 150), (55.5, 125.4, 151, 200), (125.5, 225.4, 201, 300), (225.5, 325.4, 301, 500)];

    private static readonly (double Lo, double Hi, int ILo, int IHi)[] Pm10 =
        [(0, 54, 0, 50), (55, 154, 51, 100), (155, 254, 101, 150), (255, 354, 151, 200), (355, 424, 201, 300), (425, 604, 301, 500)];

    private static readonly (double Lo, double Hi, int ILo, int IHi)[] O3 =
        [(0, 54, 0, 50), (55, 70, 51, 100), (71, 85, 101, 150), (86, 105, 151, 200), (106, 200, 201, 300)];

    private static readonly (double Lo, double Hi, int ILo, int IHi)[] No2 =
        [(0, 53, 0, 50), (54, 100, 51, 100), (101, 360, 101, 150), (361, 649, 151, 200), (650, 1249, 201, 300), (1250, 2049, 301, 500)];

    private static readonly (double Lo, double Hi, int ILo, int IHi)[] Co =
        [(0.0, 4.4, 0, 50), (4.5, 9.4, 51, 100), (9.5, 12.4, 101, 150), (12.5, 15.4, 151, 200), (15.5, 30.4, 201, 300), (30.5, 50.4, 301, 500)];

    private static readonly (double Lo, double Hi, int ILo, int IHi)[] So2 =
        [(0, 35, 0, 50), (36, 75, 51, 100), (76, 185, 101, 150), (186, 304, 151, 200)];

    /// <summary>The category names, by band.</summary>
    public static readonly string[] Categories = ["good", "moderate", "unhealthyForSensitiveGroups", "unhealthy", "veryUnhealthy", "hazardous"];

    /// <summary>The concentration truncated to the precision the table uses.</summary>
    public static double Truncate(Pollutant pollutant, double concentration)
    {
        var scale = pollutant is Pollutant.Pm25 or Pollutant.Co ? 10.0 : 1.0;
        // A hair of tolerance so 9.1 stored as 9.0999999 is still 9.1.
        return Math.Floor((concentration * scale) + 1e-9) / scale;
    }

    /// <summary>The sub-index of <paramref name="concentration"/>, or null when negative or beyond the table.</summary>
    public static int? SubIndex(Pollutant pollutant, double concentration)
    {
        if (double.IsNaN(concentration) || concentration < 0)
        {
            return null;
        }

        var c = Truncate(pollutant, concentration);
        foreach (var (lo, hi, iLo, iHi) in Table(pollutant))
        {
            if (c <= hi + 1e-9)
            {
                // Between two bands' ends (cannot happen after truncation, but never fall into a gap).
                var from = Math.Max(c, lo);
                return (int)Math.Round(((iHi - iLo) / (hi - lo) * (from - lo)) + iLo, MidpointRounding.AwayFromZero);
            }
        }

        return null;
    }

    /// <summary>The AQI of several pollutants: the highest sub-index, with the pollutant responsible; null when none has one.</summary>
    public static (int Aqi, Pollutant Dominant)? Of(IEnumerable<(Pollutant Pollutant, double Concentration)> concentrations)
    {
        (int, Pollutant)? worst = null;
        foreach (var (pollutant, concentration) in concentrations)
        {
            if (SubIndex(pollutant, concentration) is { } index && (worst == null || index > worst.Value.Item1))
            {
                worst = (index, pollutant);
            }
        }

        return worst;
    }

    /// <summary>The category of an AQI value: <c>good</c> (0–50) … <c>hazardous</c> (301 and above).</summary>
    public static string Category(int aqi) => aqi switch
    {
        <= 50 => Categories[0],
        <= 100 => Categories[1],
        <= 150 => Categories[2],
        <= 200 => Categories[3],
        <= 300 => Categories[4],
        _ => Categories[5],
    };

    private static (double Lo, double Hi, int ILo, int IHi)[] Table(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => Pm25,
        Pollutant.Pm10 => Pm10,
        Pollutant.O3 => O3,
        Pollutant.No2 => No2,
        Pollutant.Co => Co,
        _ => So2,
    };
}
