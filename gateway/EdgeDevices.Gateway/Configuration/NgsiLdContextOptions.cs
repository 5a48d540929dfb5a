namespace EdgeDevices.Gateway.Configuration;

public sealed class NgsiLdContextOptions
{
    public string Core { get; set; } = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    /// <summary>dataModel.Environment (AirQualityObserved).</summary>
    public string Environment { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/f0150e5c97f41e4c0881a0bcfa05d559058bdea1/context.jsonld";

    /// <summary>dataModel.Streetlighting (Streetlight).</summary>
    public string Streetlighting { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/1df857d46388d7129801bc0ccb19020d7321ce2a/context.jsonld";

    /// <summary>dataModel.Device (Device, SmartMeteringObservation).</summary>
    public string Device { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.Device/96e38834eda502ed6a764e1fa7059a8c3561dcda/context.jsonld";

    /// <summary>dataModel.WaterConsumption (WaterConsumptionObserved).</summary>
    public string WaterConsumption { get; set; } = "https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/6cf56439fc34e046c8ecc52e7a778f16d9fbb632/context.jsonld";
}
