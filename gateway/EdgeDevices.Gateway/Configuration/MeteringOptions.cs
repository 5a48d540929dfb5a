namespace EdgeDevices.Gateway.Configuration;

public sealed class MeteringOptions
{
    /// <summary>Whole-unit digits of the meters' registers: a total rolls over to 0 after 10^digits units.</summary>
    public int RegisterDigits { get; set; } = 6;

    /// <summary>Most plausible water flow, m³ per hour; an hour above it is flagged as a spike.</summary>
    public double MaxWaterPerHour { get; set; } = 10;

    /// <summary>Most plausible electricity use, kWh per hour.</summary>
    public double MaxElectricityPerHour { get; set; } = 100;

    /// <summary>Most plausible gas flow, m³ per hour.</summary>
    public double MaxGasPerHour { get; set; } = 25;

    /// <summary>Most plausible heat use, kWh per hour.</summary>
    public double MaxHeatPerHour { get; set; } = 200;

    /// <summary>Local hours of the night-flow check for water: a leak shows as flow in every one of them.</summary>
    public int NightFromHour { get; set; } = 1;

    public int NightUntilHour { get; set; } = 5;
}
