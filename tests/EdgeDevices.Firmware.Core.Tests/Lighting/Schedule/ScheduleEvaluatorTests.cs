using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Schedule;

public sealed class ScheduleEvaluatorTests
{
    private const int Normal = 1;
    private const int Festive = 2;
    private const int Weekend = 3;
    private static readonly SolarClock Astana = new(51.17, 71.43, 300);

    // 100 % from 10 minutes before sunset, 70 % at 23:00, 50 % at 01:00, back to 100 % at 05:00,
    // off 10 minutes after sunrise.
    private static ControlProgram NormalProgram() => new(
        Normal, TimeSpec.Astro(SolarEvent.Sunset, -10), TimeSpec.Astro(SolarEvent.Sunrise, 10), 100,
        [new ProgramStep(TimeSpec.Fixed(23, 0), 70), new ProgramStep(TimeSpec.Fixed(1, 0), 50), new ProgramStep(TimeSpec.Fixed(5, 0), 100)]);

    private static ControlProgram FestiveProgram() => new(
        Festive, TimeSpec.Astro(SolarEvent.Sunset, -15), TimeSpec.Astro(SolarEvent.Sunrise, 15), 100, []);

    private static LightingSchedule Schedule(params CalendarRule[] rules) =>
        new(1, rules, [NormalProgram(), FestiveProgram()], [1216, 20251231]) { DefaultProgramId = Normal };

    [Fact]
    public void A_December_Night_In_Astana_Follows_The_Profile_At_The_Right_Minutes()
    {
        var evaluator = new ScheduleEvaluator(Schedule(new CalendarRule(Normal)), Astana);

        var changes = Walk(evaluator, Local(2025, 12, 21, 12, 0), Local(2025, 12, 22, 12, 0));

        // Sunset 16:08:54 on the 21st and sunrise 08:16:18 on the 22nd local (astro-reference.csv), offsets applied.
        AssertChanges(changes,
            ("~2025-12-21 15:58:54", 100), ("2025-12-21 23:00:00", 70), ("2025-12-22 01:00:00", 50), ("2025-12-22 05:00:00", 100), ("~2025-12-22 08:26:18", 0));
    }

    [Fact]
    public void A_June_Night_In_Astana_Ends_Before_The_Morning_Step()
    {
        var evaluator = new ScheduleEvaluator(Schedule(new CalendarRule(Normal)), Astana);

        var changes = Walk(evaluator, Local(2025, 6, 21, 12, 0), Local(2025, 6, 22, 12, 0));

        // Sunset 20:33:24 on the 21st, sunrise 03:59:00 on the 22nd: the 05:00 step falls in daylight and does nothing.
        AssertChanges(changes, ("~2025-06-21 20:23:24", 100), ("2025-06-21 23:00:00", 70), ("2025-06-22 01:00:00", 50), ("~2025-06-22 04:09:00", 0));
    }

    [Fact]
    public void Next_Change_Lets_The_Device_Sleep_Until_Dusk()
    {
        var evaluator = new ScheduleEvaluator(Schedule(new CalendarRule(Normal)), Astana);
        var decision = new ScheduleDecision();

        evaluator.Evaluate(Local(2025, 12, 21, 9, 30), null, decision);

        Assert.Equal(0, decision.Level);
        Assert.Equal(ControlSource.Schedule, decision.Source);
        Assert.Equal(Local(2025, 12, 21, 15, 58), Minute(decision.NextChangeUtc));
    }

    [Fact]
    public void An_Override_Wins_Until_It_Expires_Then_The_Program_Resumes()
    {
        var evaluator = new ScheduleEvaluator(Schedule(new CalendarRule(Normal)), Astana);
        var lampOverride = new LampOverride(30, Local(2025, 12, 21, 23, 30));
        var decision = new ScheduleDecision();

        evaluator.Evaluate(Local(2025, 12, 21, 22, 0), lampOverride, decision);
        Assert.Equal((30, ControlSource.Override), (decision.Level, decision.Source));
        Assert.Equal(Local(2025, 12, 21, 23, 30), decision.NextChangeUtc);

        evaluator.Evaluate(Local(2025, 12, 21, 23, 30), lampOverride, decision);
        Assert.Equal((70, ControlSource.Schedule), (decision.Level, decision.Source));
        Assert.Equal(Local(2025, 12, 22, 1, 0), decision.NextChangeUtc);
    }

    [Fact]
    public void An_Override_Until_Cleared_Never_Expires()
    {
        var evaluator = new ScheduleEvaluator(Schedule(new CalendarRule(Normal)), Astana);
        var decision = new ScheduleDecision();

        evaluator.Evaluate(Local(2025, 12, 21, 13, 0), new LampOverride(100, DateTime.MaxValue), decision);

        Assert.Equal(100, decision.Level);
        Assert.Equal(DateTime.MaxValue, decision.NextChangeUtc);
    }

    [Fact]
    public void Holidays_Choose_Their_Own_Program_For_The_Whole_Night()
    {
        // Independence Day (16 December) keeps full light all night; the first matching rule wins.
        var holidayRule = new CalendarRule(Festive) { Holidays = HolidayMatch.Only };
        var evaluator = new ScheduleEvaluator(Schedule(holidayRule, new CalendarRule(Normal)), Astana);

        Assert.Equal(100, evaluator.LevelAt(Local(2025, 12, 17, 2, 0))); // the night of the 16th, after midnight
        Assert.Equal(50, evaluator.LevelAt(Local(2025, 12, 18, 2, 0)));
        Assert.Equal(100, evaluator.LevelAt(Local(2026, 1, 1, 2, 0))); // a one-off holiday: 2025-12-31

        var changes = Walk(evaluator, Local(2025, 12, 16, 12, 0), Local(2025, 12, 17, 12, 0));
        Assert.Equal(2, changes.Count); // on at dusk, off at dawn
    }

    [Fact]
    public void Weekday_And_Seasonal_Rules()
    {
        var weekend = new ControlProgram(Weekend, TimeSpec.Fixed(18, 0), TimeSpec.Fixed(6, 0), 80, []);
        var rules = new[]
        {
            new CalendarRule(Weekend) { Weekdays = (1 << (int)DayOfWeek.Saturday) | (1 << (int)DayOfWeek.Sunday) },
            new CalendarRule(Normal) { HasDateRange = true, From = 1001, Until = 331 }, // winter, wraps the new year
        };
        var schedule = new LightingSchedule(1, rules, [NormalProgram(), weekend], []) { DefaultProgramId = -1, DefaultLevel = 40 };
        var evaluator = new ScheduleEvaluator(schedule, Astana);
        var decision = new ScheduleDecision();

        evaluator.Evaluate(Local(2025, 12, 20, 22, 0), null, decision); // Saturday
        Assert.Equal((80, Weekend), (decision.Level, decision.ProgramId));

        evaluator.Evaluate(Local(2026, 1, 14, 22, 0), null, decision); // a winter Wednesday
        Assert.Equal((100, Normal, ControlSource.Schedule), (decision.Level, decision.ProgramId, decision.Source));

        evaluator.Evaluate(Local(2026, 7, 15, 22, 0), null, decision); // a summer Wednesday: nothing matches
        Assert.Equal((40, -1, ControlSource.Default), (decision.Level, decision.ProgramId, decision.Source));
    }

    [Fact]
    public void An_Absolute_Date_Range_Applies_Only_That_Year()
    {
        var rule = new CalendarRule(Festive) { HasDateRange = true, From = 20251220, Until = 20251222 };
        var evaluator = new ScheduleEvaluator(Schedule(rule), Astana);
        var decision = new ScheduleDecision();

        evaluator.Evaluate(Local(2025, 12, 21, 2, 0), null, decision);
        Assert.Equal(Festive, decision.ProgramId);
        evaluator.Evaluate(Local(2026, 12, 21, 2, 0), null, decision);
        Assert.Equal((Normal, ControlSource.Default), (decision.ProgramId, decision.Source));
    }

    [Fact]
    public void A_Lamp_Without_A_Schedule_Lights_From_Sunset_To_Sunrise()
    {
        var evaluator = new ScheduleEvaluator(LightingSchedule.Fallback(), Astana);

        Assert.Equal(0, evaluator.LevelAt(Local(2025, 12, 21, 16, 0)));
        Assert.Equal(100, evaluator.LevelAt(Local(2025, 12, 21, 16, 10)));
        Assert.Equal(100, evaluator.LevelAt(Local(2025, 12, 22, 8, 10)));
        Assert.Equal(0, evaluator.LevelAt(Local(2025, 12, 22, 8, 20)));
    }

    [Fact]
    public void Events_That_Do_Not_Happen_Follow_The_Sun()
    {
        // Active only in astronomical darkness: never at midsummer in Astana (no such darkness)...
        var darkOnly = new ControlProgram(7, TimeSpec.Astro(SolarEvent.AstronomicalDusk, 0), TimeSpec.Astro(SolarEvent.AstronomicalDawn, 0), 100, []);
        var astana = new ScheduleEvaluator(new LightingSchedule(1, [], [darkOnly], []) { DefaultProgramId = 7 }, Astana);
        Assert.Equal(0, astana.LevelAt(Local(2025, 6, 22, 0, 30)));
        Assert.Equal(100, astana.LevelAt(Local(2025, 12, 22, 0, 30)));

        // ... while in the polar night the sun never rises, so dusk-to-dawn lighting stays on all day.
        var tromso = new ScheduleEvaluator(LightingSchedule.Fallback(), new SolarClock(69.65, 18.96, 60));
        var noon = new DateTime(2025, 12, 21, 11, 0, 0, DateTimeKind.Utc);
        Assert.Equal(100, tromso.LevelAt(noon));
        Assert.Equal(0, tromso.LevelAt(new DateTime(2025, 6, 21, 23, 0, 0, DateTimeKind.Utc))); // midnight sun
    }

    [Fact]
    public void A_Year_Of_Nights_Turns_On_Once_And_Off_Once_Each_Day()
    {
        var evaluator = new ScheduleEvaluator(LightingSchedule.Fallback(), Astana);
        var changes = Walk(evaluator, Local(2026, 1, 1, 12, 0), Local(2027, 1, 1, 12, 0));

        Assert.Equal(2 * 365, changes.Count);
        Assert.All(changes.Where((_, i) => i % 2 == 0), c => Assert.Equal(100, c.Level));
    }

    // Follows NextChangeUtc from one change to the next, checking the level really changes there.
    private static List<(DateTime Utc, byte Level)> Walk(ScheduleEvaluator evaluator, DateTime fromUtc, DateTime untilUtc)
    {
        var changes = new List<(DateTime, byte)>();
        var decision = new ScheduleDecision();
        evaluator.Evaluate(fromUtc, null, decision);
        var previous = decision.Level;
        var at = decision.NextChangeUtc;
        while (at < untilUtc)
        {
            evaluator.Evaluate(at, null, decision);
            Assert.NotEqual(previous, decision.Level);
            Assert.Equal(previous, evaluator.LevelAt(at.AddSeconds(-1)));
            changes.Add((at, decision.Level));
            previous = decision.Level;
            Assert.True(decision.NextChangeUtc > at);
            at = decision.NextChangeUtc;
        }

        return changes;
    }

    // Expected local times; a leading '~' marks an astro-relative change, due within the clock's
    // one-minute accuracy of the reference time, the others are exact to the second.
    private static void AssertChanges(List<(DateTime Utc, byte Level)> actual, params (string Local, byte Level)[] expected)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var astro = expected[i].Local.StartsWith('~');
            var due = DateTime.ParseExact(expected[i].Local.TrimStart('~'), "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-300);
            var error = Math.Abs((actual[i].Utc - due).TotalSeconds);
            Assert.True(astro ? error <= 60 : error == 0, $"change {i}: expected {expected[i].Local} -> {expected[i].Level}, got {actual[i].Utc.AddMinutes(300):yyyy-MM-dd HH:mm:ss} -> {actual[i].Level}");
            Assert.Equal(expected[i].Level, actual[i].Level);
        }
    }

    private static DateTime Local(int y, int m, int d, int h, int min) => new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc).AddMinutes(-300);

    private static DateTime Minute(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
