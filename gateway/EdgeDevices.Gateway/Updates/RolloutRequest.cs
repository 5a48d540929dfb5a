namespace EdgeDevices.Gateway.Updates;

/// <summary>
/// What to roll out and to whom: a stored bundle (app, version) to the listed devices, a lighting group's
/// lamps, or every device known to run the app; a canary share first, then waves of a size, stopping when
/// failures pass a share of the devices tried. <c>Force</c> rolls out a version older than one already released
/// (logged as a warning naming both).
/// </summary>
public sealed record RolloutRequest(
    string? App,
    string? Version,
    IReadOnlyList<string>? Devices = null,
    string? Group = null,
    bool All = false,
    int CanaryPercent = 10,
    int WaveSize = 10,
    int FailureThresholdPercent = 20,
    bool Force = false);
