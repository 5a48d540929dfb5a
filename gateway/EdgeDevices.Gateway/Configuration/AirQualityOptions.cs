namespace EdgeDevices.Gateway.Configuration;

public sealed class AirQualityOptions
{
    /// <summary>Nodes (device ids) whose PM2.5 gets the US EPA humidity correction for PMS5003 sensors.</summary>
    public string[] HumidityCorrectedNodes { get; set; } = [];

    /// <summary>A PM value unchanged for this many hours (with readings throughout) marks the sensor as stuck.</summary>
    public int StuckHours { get; set; } = 6;

    /// <summary>Above this a PM value is out of the sensor's range and flagged, µg/m³ (PMS5003: 500 effective).</summary>
    public double MaxPlausiblePm { get; set; } = 1000;

    /// <summary>An alert starts when the NowCast AQI has been at or above this for <see cref="AlertMinutes"/>.</summary>
    public int AlertAqi { get; set; } = 151;

    /// <summary>And ends only when the AQI is back below this (hysteresis).</summary>
    public int ClearAqi { get; set; } = 101;

    /// <summary>How long the AQI must stay at or above the alert level before the alert starts.</summary>
    public int AlertMinutes { get; set; } = 60;

    /// <summary>
    /// The European index's table: <c>2024</c> (the EEA's revision, the default) or <c>pre-2024</c> (the
    /// earlier bands, for series begun under them).
    /// </summary>
    public string EuropeanIndexEdition { get; set; } = "2024";

    /// <summary>Hours over which the Kazakh СИ and НП are taken (24: the day, as in Kazhydromet's daily bulletins).</summary>
    public int KazakhIndexHours { get; set; } = 24;

    /// <summary>The edition as the index code knows it.</summary>
    public AirQuality.EuropeanAqiEdition European => EuropeanIndexEdition == "pre-2024" ? AirQuality.EuropeanAqiEdition.Pre2024 : AirQuality.EuropeanAqiEdition.Eea2024;
}
