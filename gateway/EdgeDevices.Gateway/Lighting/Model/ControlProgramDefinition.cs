namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>
/// A control program (TALQ): active from one time to another (clock times <c>HH:MM</c> or solar events
/// with offsets such as <c>sunset-10</c>), the level before the first step, and steps that change the
/// level at fixed or astronomical times (docs/lighting-schedule.md).
/// </summary>
public sealed record ControlProgramDefinition(
    int Id,
    string Name,
    string? ActiveFrom = null,
    string? ActiveUntil = null,
    int BaseLevel = 100,
    IReadOnlyList<ProgramStepDefinition>? Steps = null);

/// <summary>At <see cref="At"/> the level becomes <see cref="Level"/> %.</summary>
public sealed record ProgramStepDefinition(string At, int Level);
