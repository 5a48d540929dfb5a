using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// The energy and availability of one night, per lamp and per group. A night is the schedule day that
/// starts at local noon on its date: every hour of darkness belongs to exactly one night, and at its edges
/// the lamps are off, so counters read there split nothing. Per lamp:
/// <list type="bullet">
/// <item>energy = the device's watt-hour counter at the end minus at the start (the samples are in the
/// report, so the figure can be checked against the device);</item>
/// <item>full-power energy = rated watts × the dark hours (sunset to sunrise at the lamp's position), what
/// the lamp would have used at 100 % through the same night; savings = 1 − energy ÷ full-power energy;</item>
/// <item>burning hours from the device's burning-minute counter;</item>
/// <item>availability = the share of the minutes the schedule wanted the lamp lit in which it burned
/// (burning minutes ÷ scheduled lit minutes, at most 1).</item>
/// </list>
/// Cities in Kazakhstan pay energy-service contracts from measured savings, hence the traceability.
/// </summary>
public sealed class EnergyReport(LightingStore store, EnergyLedger ledger, IOptions<LightingOptions> lighting)
{
    /// <summary>One lamp's night.</summary>
    public sealed record LampNight(
        string DeviceId,
        string? GroupId,
        double EnergyWattHours,
        double FullPowerWattHours,
        double SavingsPercent,
        double BurningHours,
        double ScheduledLitHours,
        double AvailabilityPercent,
        EnergyLedger.Sample? Start,
        EnergyLedger.Sample? End,
        string? Problem);

    /// <summary>A group's (or the city's) sums.</summary>
    public sealed record Totals(string? GroupId, int Lamps, double EnergyWattHours, double FullPowerWattHours, double SavingsPercent, double BurningHours, double AvailabilityPercent);

    /// <summary>The whole report.</summary>
    public sealed record Night(DateOnly Date, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<LampNight> Lamps, IReadOnlyList<Totals> Groups, Totals All);

    /// <summary>The report for the night starting on <paramref name="date"/> (local).</summary>
    public Night For(DateOnly date)
    {
        var offset = TimeSpan.FromMinutes(lighting.Value.UtcOffsetMinutes);
        var from = new DateTimeOffset(date.Year, date.Month, date.Day, 12, 0, 0, offset);
        var until = from.AddDays(1);
        var lamps = store.LampList().Select(lamp => LampReport(lamp, date, from, until)).ToList();
        var groups = lamps.GroupBy(l => l.GroupId).Where(g => g.Key != null).Select(g => Sum(g.Key, g.ToList())).OrderBy(g => g.GroupId, StringComparer.Ordinal).ToList();
        return new Night(date, from, until, lamps, groups, Sum(null, lamps));
    }

    private LampNight LampReport(Model.LampDefinition lamp, DateOnly date, DateTimeOffset from, DateTimeOffset until)
    {
        var type = store.LampType(lamp.LampTypeId);
        var offsetMinutes = lighting.Value.UtcOffsetMinutes;
        var sun = new SolarClock(lamp.Latitude, lamp.Longitude, offsetMinutes);
        var dark = DarkHours(sun, date);
        var full = (type?.RatedWatts ?? 0) * dark;
        var start = ledger.At(lamp.DeviceId, from.ToUnixTimeSeconds());
        var end = ledger.At(lamp.DeviceId, until.ToUnixTimeSeconds());
        var scheduled = ScheduledLitHours(lamp, sun, from, until);
        if (start == null || end == null || end.DeviceTime <= start.DeviceTime)
        {
            return new LampNight(lamp.DeviceId, lamp.GroupId, 0, full, 0, 0, scheduled, 0, start, end, "no energy counters reported for this night");
        }

        double energy = end.EnergyWattHours - start.EnergyWattHours;
        var burning = (end.BurnMinutes - start.BurnMinutes) / 60.0;
        var savings = full > 0 ? Math.Round(100 * (1 - (energy / full)), 2) : 0;
        var availability = scheduled > 0 ? Math.Round(100 * Math.Min(1, burning / scheduled), 2) : 100;
        return new LampNight(lamp.DeviceId, lamp.GroupId, energy, Math.Round(full, 1), savings, Math.Round(burning, 2), Math.Round(scheduled, 2), availability, start, end,
            type == null ? $"lamp type {lamp.LampTypeId} is unknown: no full-power baseline" : null);
    }

    private static Totals Sum(string? groupId, List<LampNight> lamps)
    {
        var energy = lamps.Sum(l => l.EnergyWattHours);
        var full = lamps.Sum(l => l.FullPowerWattHours);
        var burning = lamps.Sum(l => l.BurningHours);
        var scheduled = lamps.Sum(l => l.ScheduledLitHours);
        return new Totals(groupId, lamps.Count, energy, Math.Round(full, 1), full > 0 ? Math.Round(100 * (1 - (energy / full)), 2) : 0, Math.Round(burning, 2),
            scheduled > 0 ? Math.Round(100 * Math.Min(1, lamps.Sum(l => Math.Min(l.BurningHours, l.ScheduledLitHours)) / scheduled), 2) : 100);
    }

    // Sunset on the date to sunrise on the next day; polar cases never arise at Kazakhstan's latitudes.
    private static double DarkHours(SolarClock sun, DateOnly date)
    {
        var next = date.AddDays(1);
        return sun.TryGetEvent(SolarEvent.Sunset, date.Year, date.Month, date.Day, out var sunset)
            && sun.TryGetEvent(SolarEvent.Sunrise, next.Year, next.Month, next.Day, out var sunrise)
            ? (sunrise - sunset).TotalHours
            : 0;
    }

    // Minutes of the night in which the lamp's schedule asks for light, minute by minute.
    private double ScheduledLitHours(Model.LampDefinition lamp, SolarClock sun, DateTimeOffset from, DateTimeOffset until)
    {
        var evaluator = new ScheduleEvaluator(ScheduleOf(store, lamp), sun);
        var lit = 0;
        for (var t = from.UtcDateTime; t < until.UtcDateTime; t = t.AddMinutes(1))
        {
            if (evaluator.LevelAt(t) > 0)
            {
                lit++;
            }
        }

        return lit / 60.0;
    }

    /// <summary>The schedule the gateway gives <paramref name="lamp"/> (its group's calendar compiled), or the firmware's fallback.</summary>
    internal static LightingSchedule ScheduleOf(LightingStore store, Model.LampDefinition lamp)
    {
        var calendarId = lamp.CalendarId ?? (lamp.GroupId is { } g ? store.Group(g)?.CalendarId : null);
        var calendar = calendarId == null ? null : store.Calendar(calendarId);
        if (calendar == null)
        {
            return LightingSchedule.Fallback();
        }

        var compiled = ScheduleCompiler.Compile(calendar, store.ProgramList(), 1);
        return compiled.Document == null ? LightingSchedule.Fallback() : ScheduleJson.Parse(compiled.Document).Schedule;
    }
}
