namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// What the gateway makes of one air-quality node at a moment: the NowCast PM values (from hourly means,
/// humidity-corrected where the node is set up for it), the US AQI with its dominant pollutant and
/// category (and whether it is beyond the scale's 500), the European band under the configured edition
/// (named), Kazakhstan's СИ/НП and level, the data-quality flags, and the days of the last week whose mean
/// exceeded the WHO 2021 daily levels.
/// </summary>
public sealed record NodeAssessment(
    string DeviceId,
    DateTimeOffset At,
    double? Pm25NowCast,
    double? Pm10NowCast,
    int? Aqi,
    string? Dominant,
    string? Category,
    string? EuropeanBand,
    string EuropeanEdition,
    KazhydrometAssessment? Kazakhstan,
    bool HumidityCorrected,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> WhoExceedanceDays)
{
    /// <summary>Whether the AQI is above 500, "Beyond the AQI" in AirNow's words (still hazardous).</summary>
    public bool BeyondTheAqi => Aqi is { } aqi && UsAqi.IsBeyondTheAqi(aqi);
}
