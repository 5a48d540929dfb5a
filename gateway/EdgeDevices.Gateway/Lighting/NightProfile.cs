using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// A lamp's night as its schedule plans it: the level changes from local noon to the next noon, worked out
/// minute by minute with the firmware's own evaluator and solar clock at the lamp's position, so the
/// dashboard draws what the lamp will do.
/// </summary>
public sealed class NightProfile(LightingStore store, IOptions<LightingOptions> lighting)
{
    /// <summary>A level from a moment on.</summary>
    public sealed record Change(DateTimeOffset At, int Level);

    /// <summary>The changes of the night starting on <paramref name="date"/> (local); null for a lamp not in the model.</summary>
    public IReadOnlyList<Change>? For(string deviceId, DateOnly date)
    {
        var lamp = store.Lamp(deviceId);
        if (lamp == null)
        {
            return null;
        }

        var offsetMinutes = lighting.Value.UtcOffsetMinutes;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var from = new DateTimeOffset(date.Year, date.Month, date.Day, 12, 0, 0, offset);
        var evaluator = new ScheduleEvaluator(EnergyReport.ScheduleOf(store, lamp), new SolarClock(lamp.Latitude, lamp.Longitude, offsetMinutes));
        var changes = new List<Change>();
        var last = -1;
        for (var t = from; t < from.AddDays(1); t = t.AddMinutes(1))
        {
            int level = evaluator.LevelAt(t.UtcDateTime);
            if (level != last)
            {
                changes.Add(new Change(t.ToOffset(offset), level));
                last = level;
            }
        }

        return changes;
    }
}
