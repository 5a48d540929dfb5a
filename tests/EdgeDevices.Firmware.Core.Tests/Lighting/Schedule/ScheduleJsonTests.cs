using System.Text.Json.Nodes;
using FieldErrorKind = EdgeDevices.Firmware.Json.FieldErrorKind;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Lighting.Schedule;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Schedule;

public sealed class ScheduleJsonTests
{
    internal const string Astana = """
        {
          "version": 12,
          "dayStart": "12:00",
          "holidays": ["01-01", "03-21", "12-16", "2026-05-27"],
          "defaultProgram": 1,
          "programs": [
            { "id": 1, "activeFrom": "sunset-10", "activeUntil": "sunrise+10", "baseLevel": 100,
              "steps": [ { "at": "23:00", "level": 70 }, { "at": "01:00", "level": 50 }, { "at": "05:00", "level": 100 } ] },
            { "id": 2, "activeFrom": "sunset-15", "activeUntil": "sunrise+15" },
            { "id": 3, "activeFrom": "civilDusk", "activeUntil": "civilDawn", "baseLevel": 80, "steps": [] }
          ],
          "calendar": [
            { "program": 2, "holidays": "only" },
            { "program": 3, "weekdays": ["sat", "sun"], "from": "05-01", "until": "08-31" },
            { "program": 1, "from": "2026-01-01", "until": "2026-12-31" }
          ]
        }
        """;

    [Fact]
    public void A_Full_Schedule_Parses()
    {
        var result = ScheduleJson.Parse(Astana);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        var s = result.Schedule;
        Assert.Equal(12, s.Version);
        Assert.Equal(720, s.DayStartMinutes);
        Assert.Equal(new[] { 101, 321, 1216, 20260527 }, s.Holidays);
        Assert.Equal(3, s.Programs.Length);
        Assert.Equal(SolarEvent.Sunset, s.Programs[0].ActiveFrom.Event);
        Assert.Equal(-10, s.Programs[0].ActiveFrom.OffsetMinutes);
        Assert.Equal(60, s.Programs[0].Steps[1].At.MinuteOfDay);
        Assert.Equal(100, s.Programs[1].BaseLevel);
        Assert.Equal(HolidayMatch.Only, s.Rules[0].Holidays);
        Assert.Equal((1 << 6) | 1, s.Rules[1].Weekdays);
        Assert.Equal((501, 831), (s.Rules[1].From, s.Rules[1].Until));
        Assert.Equal(CalendarRule.AllWeekdays, s.Rules[2].Weekdays);
        Assert.Equal(20260101, s.Rules[2].From);
    }

    [Fact]
    public void Written_Schedules_Parse_Back_And_Behave_The_Same()
    {
        var original = ScheduleJson.Parse(Astana).Schedule;

        var text = ScheduleJson.Write(original);
        var copy = ScheduleJson.Parse(text);

        Assert.True(copy.IsValid, string.Join("\n", copy.Errors.Select(e => e.ToString())));
        Assert.Equal(text, ScheduleJson.Write(copy.Schedule));
        var sun = new SolarClock(51.17, 71.43, 300);
        var a = new ScheduleEvaluator(original, sun);
        var b = new ScheduleEvaluator(copy.Schedule, sun);
        for (var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); t < new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc); t = t.AddMinutes(97))
        {
            Assert.Equal(a.LevelAt(t), b.LevelAt(t));
        }
    }

    public static TheoryData<string, string, string, FieldErrorKind> BadFields() => new()
    {
        { "version", "-1", "version", FieldErrorKind.OutOfRange },
        { "dayStart", "\"12h\"", "dayStart", FieldErrorKind.OutOfRange },
        { "dayStart", "\"25:00\"", "dayStart", FieldErrorKind.InvalidValue },
        { "holidays", "[\"02-30\"]", "holidays[0]", FieldErrorKind.InvalidValue },
        { "holidays", "[\"2026-13-01\"]", "holidays[0]", FieldErrorKind.InvalidValue },
        { "defaultProgram", "9", "defaultProgram", FieldErrorKind.InvalidValue },
        { "defaultLevel", "101", "defaultLevel", FieldErrorKind.OutOfRange },
        { "programs[0].activeFrom", "\"sunsett-10\"", "programs[0].activeFrom", FieldErrorKind.InvalidValue },
        { "programs[0].activeFrom", "\"sunset-800\"", "programs[0].activeFrom", FieldErrorKind.InvalidValue },
        { "programs[0].steps[1].at", "\"1:00\"", "programs[0].steps[1].at", FieldErrorKind.InvalidValue },
        { "programs[0].steps[1].level", "150", "programs[0].steps[1].level", FieldErrorKind.OutOfRange },
        { "programs[0].steps[1].dim", "50", "programs[0].steps[1].dim", FieldErrorKind.UnknownField },
        { "programs[2].baseLevel", "\"high\"", "programs[2].baseLevel", FieldErrorKind.WrongType },
        { "calendar[0].program", "7", "calendar[0].program", FieldErrorKind.InvalidValue },
        { "calendar[0].holidays", "\"sometimes\"", "calendar[0].holidays", FieldErrorKind.InvalidValue },
        { "calendar[1].weekdays", "[\"saturday\"]", "calendar[1].weekdays", FieldErrorKind.InvalidValue },
        { "calendar[1].weekdays", "[]", "calendar[1].weekdays", FieldErrorKind.InvalidValue },
        { "calendar[1].until", "\"2026-08-31\"", "calendar[1].until", FieldErrorKind.InvalidValue },
        { "calendar[2].until", "\"2025-12-31\"", "calendar[2].until", FieldErrorKind.InvalidValue },
        { "calendar[2].from", "\"31-12\"", "calendar[2].from", FieldErrorKind.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Every_Invalid_Field_Is_Named(string path, string json, string field, FieldErrorKind kind)
    {
        var result = ScheduleJson.Parse(With(path, json));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, kind), (error.Field, error.Kind));
    }

    [Fact]
    public void A_Repeated_Program_Id_And_The_Reference_It_Breaks_Are_Both_Named()
    {
        var result = ScheduleJson.Parse(With("programs[1].id", "1"));

        Assert.Equal(new[] { "programs[1].id", "calendar[0].program" }, result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Limits_Keep_A_Schedule_Within_Device_Memory()
    {
        var root = JsonNode.Parse(Astana)!.AsObject();
        var steps = new JsonArray();
        for (var i = 0; i < ScheduleJson.MaxSteps + 1; i++)
        {
            steps.Add(new JsonObject { ["at"] = "20:00", ["level"] = 10 });
        }

        root["programs"]![0]!["steps"] = steps;

        var error = Assert.Single(ScheduleJson.Parse(root.ToJsonString()).Errors);
        Assert.Equal("programs[0].steps", error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"version\": 1}")]
    public void Unusable_Files_Are_Reported(string text)
    {
        Assert.False(ScheduleJson.Parse(text).IsValid);
    }

    [Theory]
    [InlineData("00:00")]
    [InlineData("23:59")]
    [InlineData("sunset")]
    [InlineData("sunrise+15")]
    [InlineData("astronomicalDusk-720")]
    [InlineData("civilDawn+1")]
    public void Times_Round_Trip(string text)
    {
        Assert.Equal(text, ScheduleText.FormatTime(ScheduleText.ParseTime(text)!));
    }

    private static string With(string path, string json)
    {
        var root = JsonNode.Parse(Astana)!;
        JsonNode node = root;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            node = Step(node, part);
        }

        var last = parts[^1];
        node.AsObject()[last] = JsonNode.Parse(json);
        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[part]!;
        }

        var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[part[..bracket]]![index]!;
    }
}
