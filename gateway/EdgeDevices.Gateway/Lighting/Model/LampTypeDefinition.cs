namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>
/// A kind of luminaire (TALQ's lamp type): rated power, the lowest level its driver holds, the physical
/// output of a 100 % command (virtual 100 %), warm-up time, and the tolerance within which measured power
/// is judged normal. The device carries the same values in its config.json; the gateway uses the rated
/// power for the energy report's full-power baseline.
/// </summary>
public sealed record LampTypeDefinition(
    string Id,
    string Name,
    int RatedWatts,
    int MinLevel = 10,
    int VirtualFullLevel = 100,
    int WarmUpSeconds = 5,
    int PowerTolerancePercent = 15);
