using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Lighting.Model;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The lighting REST API (described at /openapi/v1.json): the TALQ-style model, schedule distribution
/// state, overrides and the night energy report. A change to the model reaches the lamps by itself (the
/// schedule distributor watches the model). Invalid input is answered 400 with the problems by field.
/// </summary>
public static class LightingApi
{
    /// <summary>Maps the endpoints under /api/lighting.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/lighting").WithTags("Lighting");

        api.MapGet("/lamp-types", (LightingStore s) => s.LampTypeList());
        api.MapGet("/lamp-types/{id}", (string id, LightingStore s) => Found(s.LampType(id)));
        api.MapPut("/lamp-types/{id}", (string id, LampTypeDefinition body, LightingStore s) =>
            Store(s, LightingStore.LampTypes, id, body with { Id = id }, LampTypeProblems(body)));
        api.MapDelete("/lamp-types/{id}", (string id, LightingStore s) => Deleted(s.Delete(LightingStore.LampTypes, id)));

        api.MapGet("/groups", (LightingStore s) => s.GroupList());
        api.MapGet("/groups/{id}", (string id, LightingStore s) => Found(s.Group(id)));
        api.MapPut("/groups/{id}", (string id, LampGroupDefinition body, LightingStore s) =>
            Store(s, LightingStore.Groups, id, body with { Id = id }, Problems(
                ("name", string.IsNullOrWhiteSpace(body.Name), "must be given"),
                ("calendarId", body.CalendarId != null && s.Calendar(body.CalendarId) == null, $"calendar {body.CalendarId} does not exist"))));
        api.MapDelete("/groups/{id}", (string id, LightingStore s) => Deleted(s.Delete(LightingStore.Groups, id)));

        api.MapGet("/lamps", (LightingStore s) => s.LampList());
        api.MapGet("/lamp-parameters", (LampParameterDistributor d) => d.States());
        api.MapGet("/lamps/{deviceId}", (string deviceId, LightingStore s) => Found(s.Lamp(deviceId)));
        api.MapPut("/lamps/{deviceId}", (string deviceId, LampDefinition body, LightingStore s, Northbound.SinkRejects rejects) =>
            Store(s, LightingStore.Lamps, deviceId, body with { DeviceId = deviceId }, () => rejects.MarkDeviceForRetry(deviceId), Problems(
                ("deviceId", !Firmware.Messages.MqttTopics.IsValidDeviceId(deviceId), "not a device id (3–32 of a-z, 0-9, '-')"),
                ("lampTypeId", body.LampTypeId == null || s.LampType(body.LampTypeId) == null, body.LampTypeId == null ? "must be given" : $"lamp type {body.LampTypeId} does not exist"),
                ("groupId", body.GroupId != null && s.Group(body.GroupId) == null, $"group {body.GroupId} does not exist"),
                ("calendarId", body.CalendarId != null && s.Calendar(body.CalendarId) == null, $"calendar {body.CalendarId} does not exist"),
                ("latitude", body.Latitude is < -90 or > 90, "must be −90…90"),
                ("longitude", body.Longitude is < -180 or > 180, "must be −180…180"))));
        api.MapDelete("/lamps/{deviceId}", (string deviceId, LightingStore s) => Deleted(s.Delete(LightingStore.Lamps, deviceId)));

        api.MapGet("/programs", (LightingStore s) => s.ProgramList());
        api.MapGet("/programs/{id:int}", (int id, LightingStore s) => Found(s.Program(id)));
        api.MapPut("/programs/{id:int}", (int id, ControlProgramDefinition body, LightingStore s) =>
        {
            var program = body with { Id = id };
            if (Problems(("name", string.IsNullOrWhiteSpace(body.Name), "must be given")) is { Count: > 0 } missing)
            {
                return Results.ValidationProblem(missing);
            }

            var check = ScheduleCompiler.Compile(new CalendarDefinition("check", "check", [], DefaultProgram: id), [program], 1);
            // Checked by compiling it alone, with the firmware's own parser: the lamp would refuse what fails here.
            return Store(s, LightingStore.Programs, id.ToString(System.Globalization.CultureInfo.InvariantCulture), program,
                check.Problems.Count == 0 ? [] : new Dictionary<string, string[]> { ["program"] = [.. check.Problems.Select(p => p.Replace("calendar check: ", string.Empty, StringComparison.Ordinal))] });
        });
        api.MapDelete("/programs/{id:int}", (int id, LightingStore s) => Deleted(s.Delete(LightingStore.Programs, id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        api.MapGet("/calendars", (LightingStore s) => s.CalendarList());
        api.MapGet("/calendars/{id}", (string id, LightingStore s) => Found(s.Calendar(id)));
        api.MapPut("/calendars/{id}", (string id, CalendarDefinition body, LightingStore s) =>
        {
            var calendar = body with { Id = id };
            if (Problems(("name", string.IsNullOrWhiteSpace(body.Name), "must be given"), ("rules", body.Rules == null, "must be given (an empty list for none)")) is { Count: > 0 } missing)
            {
                return Results.ValidationProblem(missing);
            }

            var check = ScheduleCompiler.Compile(calendar, s.ProgramList(), 1);
            return Store(s, LightingStore.Calendars, id, calendar,
                check.Problems.Count == 0 ? [] : new Dictionary<string, string[]> { ["calendar"] = [.. check.Problems] });
        });
        api.MapDelete("/calendars/{id}", (string id, LightingStore s) => Deleted(s.Delete(LightingStore.Calendars, id)));

        api.MapGet("/schedules", (ScheduleDistributor d) => d.States());

        // What each lamp last reported: level, relay, power, faults, who decided the level.
        api.MapGet("/status", (Pipeline.LatestReadings latest) => latest.Of(EdgeDevices.Firmware.Messages.MessageType.LampStatus).Select(r =>
        {
            var s = (EdgeDevices.Firmware.Messages.LampStatus)r.Message;
            return new
            {
                deviceId = r.DeviceId,
                level = (int)s.Level,
                relayOn = s.RelayOn,
                powerWatts = s.HasPower ? s.PowerDeciWatt / 10.0 : (double?)null,
                faults = Enumerable.Range(0, 8).Where(b => ((int)s.Faults & (1 << b)) != 0).Select(b => EdgeDevices.Firmware.Codec.WireNames.Of((EdgeDevices.Firmware.Messages.LampFaults)(1 << b))).ToList(),
                source = EdgeDevices.Firmware.Codec.WireNames.Of(s.Source),
                at = DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs),
            };
        }));

        api.MapGet("/overrides", (OverrideService o) => o.Active());
        api.MapPost("/overrides", (OverrideRequest request, OverrideService o) =>
        {
            try
            {
                return Results.Ok(o.Set(request.Target, request.Level, request.Minutes));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [FieldOf(ex)] = [ex.Message] });
            }
        });
        api.MapDelete("/overrides/{target}", (string target, OverrideService o) =>
        {
            try
            {
                return Results.Ok(o.Clear(target));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [FieldOf(ex)] = [ex.Message] });
            }
        });

        api.MapGet("/lamps/{deviceId}/profile", (string deviceId, string? night, NightProfile profile, TimeProvider time, Microsoft.Extensions.Options.IOptions<Configuration.GatewayOptions> options) =>
        {
            var date = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromMinutes(options.Value.Lighting.UtcOffsetMinutes)).AddHours(-12).DateTime);
            if (night != null && !DateOnly.TryParseExact(night, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["night"] = ["a local date as YYYY-MM-DD (the night that starts that evening)"] });
            }

            return profile.For(deviceId, date) is { } changes ? Results.Ok(changes) : Results.NotFound();
        });

        api.MapGet("/report", (string night, EnergyReport report) =>
            DateOnly.TryParseExact(night, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                ? Results.Ok(report.For(date))
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["night"] = ["a local date as YYYY-MM-DD (the night that starts that evening)"] }));
    }

    private static IResult Found<T>(T? entity)
        where T : class => entity == null ? Results.NotFound() : Results.Ok(entity);

    private static IResult Deleted(bool removed) => removed ? Results.NoContent() : Results.NotFound();

    private static IResult Store<T>(LightingStore store, string kind, string id, T entity, Dictionary<string, string[]> problems) =>
        Store(store, kind, id, entity, () => { }, problems);

    // Stores the entity, then does what follows from it (a lamp's position recorded: its refused readings go again).
    private static IResult Store<T>(LightingStore store, string kind, string id, T entity, Action stored, Dictionary<string, string[]> problems)
    {
        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems);
        }

        store.Put(kind, id, entity);
        stored();
        return Results.Ok(entity);
    }

    private static Dictionary<string, string[]> LampTypeProblems(LampTypeDefinition t) => Problems(
        ("ratedWatts", t.RatedWatts is < 1 or > 2000, "must be 1–2000"),
        ("minLevel", t.MinLevel is < 0 or > 100, "must be 0–100"),
        ("virtualFullLevel", t.VirtualFullLevel is < 1 or > 100, "must be 1–100"),
        ("warmUpSeconds", t.WarmUpSeconds is < 0 or > 900, "must be 0–900"),
        ("powerTolerancePercent", t.PowerTolerancePercent is < 1 or > 50, "must be 1–50"),
        ("interface", !LampTypeDefinition.Interfaces.Contains(t.Interface, StringComparer.Ordinal), "must be pwm, 0-10v or 1-10v"),
        ("standbyWatts", t.StandbyWatts is < 0 or > 50, "must be 0–50"),
        ("name", string.IsNullOrWhiteSpace(t.Name), "must be given"));

    private static Dictionary<string, string[]> Problems(params (string Field, bool Bad, string Message)[] checks) =>
        checks.Where(c => c.Bad).GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.Select(c => c.Message).ToArray(), StringComparer.Ordinal);

    private static string FieldOf(Exception ex) => ex is ArgumentException { ParamName: { } name } ? name : "target";
}

/// <summary>Hold <see cref="Target"/> (<c>lamp:{id}</c> or <c>group:{id}</c>) at <see cref="Level"/> % for <see cref="Minutes"/>.</summary>
public sealed record OverrideRequest(string Target, int Level, int Minutes);
