using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Gateway.Lighting.Model;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// Turns a calendar and the programs it names into the schedule document a lamp runs (the firmware's own
/// schedule.json format), and checks it with the firmware's own parser, so the gateway can never send a
/// document the lamp would refuse: every problem comes back with its path in the document.
/// </summary>
public static class ScheduleCompiler
{
    /// <summary>A compiled document, or the problems that stop it.</summary>
    public sealed record Result(string? Document, string? ContentHash, IReadOnlyList<string> Problems)
    {
        internal Func<int, string>? Renderer { get; init; }

        /// <summary>The same checked document under another version number (a resend keeps the version the lamp was sent).</summary>
        public string Render(int version) => Renderer?.Invoke(version) ?? throw new InvalidOperationException("no document: " + string.Join("; ", Problems));
    }

    /// <summary>Compiles <paramref name="calendar"/> with <paramref name="programs"/> as version <paramref name="version"/>.</summary>
    public static Result Compile(CalendarDefinition calendar, IReadOnlyCollection<ControlProgramDefinition> programs, int version)
    {
        var problems = new List<string>();
        var needed = calendar.Rules.Select(r => r.Program).Concat(calendar.DefaultProgram is { } d ? [d] : []).Distinct().ToList();
        var used = new List<ControlProgramDefinition>();
        foreach (var id in needed)
        {
            var program = programs.FirstOrDefault(p => p.Id == id);
            if (program == null)
            {
                problems.Add($"calendar {calendar.Id}: program {id} does not exist");
            }
            else
            {
                used.Add(program);
            }
        }

        if (problems.Count > 0)
        {
            return new Result(null, null, problems);
        }

        var content = Build(calendar, used, 0).ToJsonString();
        var document = Build(calendar, used, version).ToJsonString();
        var parsed = ScheduleJson.Parse(document);
        if (!parsed.IsValid)
        {
            return new Result(null, null, parsed.Errors.Select(e => $"calendar {calendar.Id}: {e}").ToList());
        }

        return new Result(document, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), [])
        {
            Renderer = other => Build(calendar, used, other).ToJsonString(),
        };
    }

    private static JsonObject Build(CalendarDefinition calendar, List<ControlProgramDefinition> programs, int version)
    {
        var document = new JsonObject
        {
            ["version"] = version,
            ["dayStart"] = calendar.DayStart,
            ["holidays"] = new JsonArray([.. (calendar.Holidays ?? []).Select(h => (JsonNode)h)]),
            ["defaultLevel"] = calendar.DefaultLevel,
        };
        if (calendar.DefaultProgram is { } defaultProgram)
        {
            document["defaultProgram"] = defaultProgram;
        }

        var programArray = new JsonArray();
        foreach (var program in programs.OrderBy(p => p.Id))
        {
            var p = new JsonObject { ["id"] = program.Id, ["baseLevel"] = program.BaseLevel };
            if (program.ActiveFrom != null)
            {
                p["activeFrom"] = program.ActiveFrom;
            }

            if (program.ActiveUntil != null)
            {
                p["activeUntil"] = program.ActiveUntil;
            }

            p["steps"] = new JsonArray([.. (program.Steps ?? []).Select(s => (JsonNode)new JsonObject { ["at"] = s.At, ["level"] = s.Level })]);
            programArray.Add(p);
        }

        document["programs"] = programArray;
        var rules = new JsonArray();
        foreach (var rule in calendar.Rules)
        {
            var r = new JsonObject { ["program"] = rule.Program };
            if (rule.Weekdays != null)
            {
                r["weekdays"] = new JsonArray([.. rule.Weekdays.Select(w => (JsonNode)w)]);
            }

            if (rule.Holidays != null)
            {
                r["holidays"] = rule.Holidays;
            }

            if (rule.From != null)
            {
                r["from"] = rule.From;
            }

            if (rule.Until != null)
            {
                r["until"] = rule.Until;
            }

            rules.Add(r);
        }

        document["calendar"] = rules;
        return document;
    }
}
