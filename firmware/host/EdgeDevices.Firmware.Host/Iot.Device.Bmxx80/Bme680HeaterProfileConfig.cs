using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>Stand-in for IoT.Device's <c>Bme680HeaterProfileConfig</c>.</summary>
public class Bme680HeaterProfileConfig
{
    /// <summary>A heater set-point.</summary>
    public Bme680HeaterProfileConfig(Bme680HeaterProfile profile, ushort heaterResistance, Duration heaterDuration)
    {
        HeaterProfile = profile;
        HeaterResistance = heaterResistance;
        HeaterDuration = heaterDuration;
    }

    /// <summary>Which profile.</summary>
    public Bme680HeaterProfile HeaterProfile { get; set; }

    /// <summary>The res_heat code.</summary>
    public ushort HeaterResistance { get; set; }

    /// <summary>How long to heat.</summary>
    public Duration HeaterDuration { get; set; }
}
