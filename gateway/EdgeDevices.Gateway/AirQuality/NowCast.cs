namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The US EPA NowCast for PM: a weighted average of the last 12 hourly means in which the weight factor
/// w = 1 − (max − min) / max, at least 0.5, falls by a power per hour back, so the most recent hours count
/// more when the air is changing fast. Valid only when at least two of the three most recent hours have
/// data; computed on raw hourly means and truncated afterwards (PM2.5 to 0.1, PM10 to 1 µg/m³).
/// </summary>
public static class NowCast
{
    /// <summary>
    /// The NowCast from <paramref name="hourlyNewestFirst"/> (index 0 = the hour just ended; null = no
    /// data that hour; at most 12 are used), or null when the data is too sparse.
    /// </summary>
    public static double? Compute(Pollutant pollutant, IReadOnlyList<double?> hourlyNewestFirst)
    {
        var hours = hourlyNewestFirst.Take(12).ToList();
        if (hours.Take(3).Count(h => h != null) < 2)
        {
            return null;
        }

        var present = hours.Where(h => h != null).Select(h => h!.Value).ToList();
        var max = present.Max();
        var min = present.Min();
        var weight = max <= 0 ? 1 : Math.Max(0.5, 1 - ((max - min) / max));
        double sum = 0, weights = 0;
        for (var i = 0; i < hours.Count; i++)
        {
            if (hours[i] is { } value)
            {
                var w = Math.Pow(weight, i);
                sum += w * value;
                weights += w;
            }
        }

        return UsAqi.Truncate(pollutant, sum / weights);
    }
}
