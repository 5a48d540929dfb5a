using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>
/// A lamp's faults as the Smart Data Models <c>Streetlight.status</c> enumeration (<c>ok</c>,
/// <c>defectiveLamp</c>, <c>brokenLantern</c>, <c>columnIssue</c>). Faults of the light source (no light, cycling,
/// power outside its tolerance) make a <c>defectiveLamp</c>; faults of the gear in the lantern (the relay, the
/// dimming driver, the controller's metering, a lamp lit although commanded off) a <c>brokenLantern</c>; when both
/// are present the lamp's own fault is named, since that is what the street sees. The controller cannot see the
/// column, so <c>columnIssue</c> never comes from it.
/// </summary>
public static class StreetlightStatus
{
    /// <summary>Faults of the light source.</summary>
    public const LampFaults LampFaults = Firmware.Messages.LampFaults.LampFailure | Firmware.Messages.LampFaults.CyclingFailure
        | Firmware.Messages.LampFaults.PowerTooHigh | Firmware.Messages.LampFaults.PowerTooLow;

    /// <summary>Faults of the lantern's gear.</summary>
    public const LampFaults LanternFaults = Firmware.Messages.LampFaults.RelayFailure | Firmware.Messages.LampFaults.DimmingFailure
        | Firmware.Messages.LampFaults.MeteringFailure | Firmware.Messages.LampFaults.UnexpectedOn;

    /// <summary>The status for <paramref name="faults"/>.</summary>
    public static string Of(LampFaults faults) =>
        (faults & LampFaults) != 0 ? "defectiveLamp"
        : (faults & LanternFaults) != 0 ? "brokenLantern"
        : "ok";
}
