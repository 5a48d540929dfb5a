namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The US EPA Air Quality Index with the breakpoints of the May 2024 Technical Assistance Document
/// (EPA-454/B-24-002, Table 6; PM2.5 "good" now ends at 9.0 µg/m³). A sub-index is the linear interpolation
/// I = (I_hi − I_lo) / (C_hi − C_lo) · (C − C_lo) + I_lo within the concentration's band, after truncating the
/// concentration to the table's precision (PM2.5 0.1 µg/m³, PM10 1 µg/m³, O3/NO2/SO2 1 ppb, CO 0.1 ppm),
/// rounded half up to a whole number (the TAD's worked example rounds 125.5 to 126); the AQI is the highest
/// sub-index. Above the top breakpoint the index goes on along the hazardous band's slope, as the TAD's
/// footnote 4 and FAQ say ("AQI values greater than 500 should be calculated using equation 1 and the
/// concentration specified for the AQI value of 500"): in Almaty's winter smog an index of 900 is what the
/// air is, never a missing value or a 500 that understates it; AirNow calls that range "Beyond the AQI"
/// (<see cref="IsBeyondTheAqi"/>) and the category stays hazardous. Only tables that end below the hazardous
/// band (ozone's 8-hour table, sulphur dioxide's 1-hour table, whose higher values belong to other averaging
/// times) give no sub-index beyond their end. Hand-written: no served package carries these tables.
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

    /// <summary>The concentration truncated to the precision the table uses (in decimal, so 9.1 stays 9.1).</summary>
    public static double Truncate(Pollutant pollutant, double concentration)
    {
        var scale = pollutant is Pollutant.Pm25 or Pollutant.Co ? 10m : 1m;
        return (double)(decimal.Floor((decimal)concentration * scale) / scale);
    }

    /// <summary>The sub-index of <paramref name="concentration"/>, or null when negative or beyond a table that stops short of the hazardous band.</summary>
    public static int? SubIndex(Pollutant pollutant, double concentration)
    {
        if (double.IsNaN(concentration) || double.IsInfinity(concentration) || concentration < 0 || concentration > 1e6)
        {
            return null;
        }

        var c = Truncate(pollutant, concentration);
        var table = Table(pollutant);
        foreach (var (lo, hi, iLo, iHi) in table)
        {
            if (c <= hi + 1e-9)
            {
                // Between two bands' ends (cannot happen after truncation, but never fall into a gap).
                return Interpolate(Math.Max(c, lo), lo, hi, iLo, iHi);
            }
        }

        // Beyond the table: only the tables that reach 500 go on, along their hazardous band's slope.
        var (topLo, topHi, topILo, topIHi) = table[^1];
        return topIHi == 500 ? Interpolate(c, topLo, topHi, topILo, topIHi) : null;
    }

    /// <summary>Whether an AQI lies above the scale's 500, the range AirNow calls "Beyond the AQI" (still hazardous).</summary>
    public static bool IsBeyondTheAqi(int aqi) => aqi > 500;

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

    /// <summary>The category of an AQI value: <c>good</c> (0–50) … <c>hazardous</c> (301 and above, beyond 500 included).</summary>
    public static string Category(int aqi) => aqi switch
    {
        <= 50 => Categories[0],
        <= 100 => Categories[1],
        <= 150 => Categories[2],
        <= 200 => Categories[3],
        <= 300 => Categories[4],
        _ => Categories[5],
    };

    private static int Interpolate(double c, double lo, double hi, int iLo, int iHi) =>
        (int)Math.Round(((iHi - iLo) / (hi - lo) * (c - lo)) + iLo, MidpointRounding.AwayFromZero);

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
