namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>
/// A kind of luminaire (TALQ's lamp type): rated power, the lowest level its driver holds, the physical
/// output of a 100 % command (virtual 100 %), its driver's dimming interface (<c>pwm</c>, <c>0-10v</c>,
/// <c>1-10v</c>), warm-up time, and the fault thresholds: the tolerance within which measured power is judged
/// normal and the power a switched-off driver may still draw. The device carries the same values in its
/// config.json (edgectl provision takes them from here); the gateway uses the rated power for the energy
/// report's full-power baseline.
/// </summary>
public sealed record LampTypeDefinition(
    string Id,
    string Name,
    int RatedWatts,
    int MinLevel = 10,
    int VirtualFullLevel = 100,
    int WarmUpSeconds = 5,
    int PowerTolerancePercent = 15,
    string Interface = "0-10v",
    int StandbyWatts = 2)
{
    /// <summary>The dimming interfaces a controller drives.</summary>
    public static readonly string[] Interfaces = ["pwm", "0-10v", "1-10v"];

    /// <summary>The lamp section of a device's config.json for this type.</summary>
    public System.Text.Json.Nodes.JsonObject DeviceLampSection() => new()
    {
        ["ratedWatts"] = RatedWatts,
        ["minLevel"] = MinLevel,
        ["virtualFullLevel"] = VirtualFullLevel,
        ["interface"] = Interface,
        ["warmUpSeconds"] = WarmUpSeconds,
        ["powerTolerancePercent"] = PowerTolerancePercent,
        ["standbyWatts"] = StandbyWatts,
    };
}
