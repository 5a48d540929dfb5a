namespace EdgeDevices.Fleet.Provisioning;

/// <summary>
/// The dimming profile edgefleet gives its street lights unless told otherwise: full from sunset, 70 % from
/// 23:00, 50 % from 01:00, full again from 05:00 until sunrise (local time), a common midnight profile.
/// </summary>
public static class TypicalSchedule
{
    /// <summary>The schedule.json text.</summary>
    public const string Json = """
        {
          "version": 1,
          "defaultProgram": 1,
          "programs": [
            { "id": 1, "activeFrom": "sunset", "activeUntil": "sunrise", "baseLevel": 100,
              "steps": [ { "at": "23:00", "level": 70 }, { "at": "01:00", "level": 50 }, { "at": "05:00", "level": 100 } ] }
          ]
        }
        """;
}
