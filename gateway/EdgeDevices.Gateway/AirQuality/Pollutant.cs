namespace EdgeDevices.Gateway.AirQuality;

/// <summary>The pollutants the indices know, each in the unit and averaging time its US EPA table uses.</summary>
public enum Pollutant
{
    /// <summary>PM2.5, µg/m³, 24 h (or NowCast).</summary>
    Pm25,

    /// <summary>PM10, µg/m³, 24 h (or NowCast).</summary>
    Pm10,

    /// <summary>Ozone, ppb, 8 h.</summary>
    O3,

    /// <summary>Nitrogen dioxide, ppb, 1 h.</summary>
    No2,

    /// <summary>Carbon monoxide, ppm, 8 h.</summary>
    Co,

    /// <summary>Sulphur dioxide, ppb, 1 h.</summary>
    So2,
}
