using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeDevices.Ctl.Commands;

/// <summary>The gateway's REST API from a shell: devices, status, lamps, alarms, export.</summary>
internal static class GatewayCommands
{
    public static Command Devices(Context context)
    {
        var command = new Command("devices", "List the devices the gateway knows, with their state");
        command.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var devices = (await gateway.GetAsync("api/devices").ConfigureAwait(false)).AsArray();
            output.Result(devices, ["device", "transport", "online", "last seen", "firmware", "outbox"], devices.Select(d => new[]
            {
                d!["deviceId"]!.GetValue<string>(),
                d["transport"]!.GetValue<string>(),
                d["online"]!.GetValue<bool>() ? "yes" : "no",
                d["lastSeenAt"]?.GetValue<DateTimeOffset>().ToString("u", CultureInfo.InvariantCulture) ?? "–",
                d["health"]?["firmware"]?.GetValue<string>() ?? "–",
                d["health"]?["outboxDepth"]?.ToString() ?? "–",
            }));
            return 0;
        }));
        return command;
    }

    public static Command Status(Context context)
    {
        var command = new Command("status", "The gateway's health: pipeline, broker, devices, buffer, sinks");
        command.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var (health, healthy) = await gateway.HealthAsync().ConfigureAwait(false);
            var rows = new List<string[]>
            {
                new[] { "status", health["status"]!.GetValue<string>() + (health["problem"] is { } p ? " (" + p.GetValue<string>() + ")" : string.Empty) },
                new[] { "southbound", health["southbound"]!.GetValue<string>() },
                new[] { "connected devices", health["connectedDevices"]!.ToString() },
                new[] { "buffer", $"{health["buffer"]!["urgent"]} urgent, {health["buffer"]!["bulk"]} bulk, oldest {health["buffer"]!["oldestAgeSeconds"]} s" },
            };
            foreach (var (name, sink) in health["sinks"]!.AsObject())
            {
                rows.Add([$"sink {name}", $"lag {sink!["lag"]}"]);
            }

            output.Result(health, ["what", "state"], rows);
            if (!healthy)
            {
                throw new CtlException("the gateway reports a problem: " + health["problem"], "see its log: journalctl -u edgedevices-gateway", 9);
            }

            return 0;
        }));
        return command;
    }

    public static Command Lamps(Context context)
    {
        var target = new Argument<string>("target") { Description = "lamp:<device-id>, group:<group-id> or all" };
        var level = new Option<int>("--level") { Description = "Dimming level, percent", Required = true };
        var minutes = new Option<int>("--minutes") { Description = "How long (0: until cleared)", DefaultValueFactory = _ => 60 };
        var overrideCommand = new Command("override", "Hold lamps at a level for a while") { target, level, minutes };
        overrideCommand.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var answer = await gateway.PostAsync("api/lighting/overrides", new { target = result.GetValue(target), level = result.GetValue(level), minutes = result.GetValue(minutes) }).ConfigureAwait(false);
            output.Result(answer, ["target", "level", "minutes"], [[result.GetValue(target)!, result.GetValue(level).ToString(CultureInfo.InvariantCulture), result.GetValue(minutes).ToString(CultureInfo.InvariantCulture)]]);
            return 0;
        }));

        var clearTarget = new Argument<string>("target") { Description = "lamp:<device-id>, group:<group-id> or all" };
        var clear = new Command("clear", "End an override: the lamps follow their program again") { clearTarget };
        clear.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var answer = await gateway.DeleteAsync("api/lighting/overrides/" + Uri.EscapeDataString(result.GetValue(clearTarget)!)).ConfigureAwait(false);
            output.Result(answer, ["target", "cleared"], [[result.GetValue(clearTarget)!, "yes"]]);
            return 0;
        }));

        var programId = new Argument<int>("program-id") { Description = "The control program's id" };
        var file = new Option<string>("--file") { Description = "The program as JSON (name, activeFrom, activeUntil, baseLevel, steps)", Required = true };
        var program = new Command("program", "Create or replace a dimming program; the gateway sends the new schedule to the lamps that use it") { programId, file };
        program.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            JsonNode body;
            try
            {
                body = JsonNode.Parse(File.ReadAllText(result.GetValue(file)!))!;
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new CtlException($"{result.GetValue(file)} is not JSON: {ex.Message}", "fix the file (docs/lighting.md shows a program) and run again", 2);
            }

            var answer = await gateway.PutAsync($"api/lighting/programs/{result.GetValue(programId)}", body).ConfigureAwait(false);
            output.Result(answer, ["program", "name"], [[result.GetValue(programId).ToString(CultureInfo.InvariantCulture), answer["name"]?.GetValue<string>() ?? string.Empty]]);
            return 0;
        }));
        return new Command("lamps", "Street lights: overrides and programs") { overrideCommand, clear, program };
    }

    public static Command Alarms(Context context)
    {
        var device = new Option<string?>("--device") { Description = "Only this device's alarms" };
        var all = new Option<bool>("--all") { Description = "Cleared alarms too" };
        var command = new Command("alarms", "Open alarms (lamp failures, leaks, air-quality alerts, refused commands)") { device, all };
        command.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var query = "api/alarms?open=" + (result.GetValue(all) ? "false" : "true") + (result.GetValue(device) is { } d ? "&device=" + Uri.EscapeDataString(d) : string.Empty);
            var alarms = (await gateway.GetAsync(query).ConfigureAwait(false)).AsArray();
            output.Result(alarms, ["device", "code", "severity", "raised", "cleared"], alarms.Select(a => new[]
            {
                a!["deviceId"]!.GetValue<string>(),
                a["code"]!.GetValue<string>(),
                a["severity"]!.GetValue<string>(),
                DateTimeOffset.FromUnixTimeMilliseconds(a["raisedAt"]!.GetValue<long>()).ToString("u", CultureInfo.InvariantCulture),
                a["clearedAt"] is { } c && c.GetValueKind() == System.Text.Json.JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds(c.GetValue<long>()).ToString("u", CultureInfo.InvariantCulture) : "–",
            }));
            return 0;
        }));
        return command;
    }

    public static Command Export(Context context)
    {
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (inclusive), e.g. 2026-11-01T00:00+05:00", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (exclusive)", Required = true };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var file = new Option<string?>("--output") { Description = "File to write (default: standard output)" };
        var command = new Command("export", "Readings of a time range as open data (households pseudonymised)") { from, to, format, file };
        command.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var text = await gateway.GetTextAsync($"api/export?from={Uri.EscapeDataString(result.GetValue(from).ToString("o", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(result.GetValue(to).ToString("o", CultureInfo.InvariantCulture))}&format={result.GetValue(format)}").ConfigureAwait(false);
            if (result.GetValue(file) is { } path)
            {
                await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
                output.Line($"wrote {path}");
            }
            else
            {
                output.Writer.Write(text);
            }

            return 0;
        }));
        return command;
    }

    /// <summary><c>edgectl lamp-types</c>: the kinds of luminaire in the gateway's lighting model, which provisioning copies to the lamps.</summary>
    public static Command LampTypes(Context context)
    {
        var id = new Argument<string>("lamp-type-id") { Description = "e.g. led-100" };
        var name = new Option<string>("--name") { Description = "What it is called, e.g. \"LED 100 W, Philips Xitanium\"", Required = true };
        var watts = new Option<int>("--watts") { Description = "Rated power, W (1–2000)", Required = true };
        var minLevel = new Option<int>("--min-level") { Description = "Lowest level the driver holds, % (default 10)", DefaultValueFactory = _ => 10 };
        var virtualFull = new Option<int>("--virtual-full") { Description = "Physical output of a 100 % command, % (default 100)", DefaultValueFactory = _ => 100 };
        var dimming = new Option<string>("--interface") { Description = "The driver's dimming input: pwm, 0-10v or 1-10v", DefaultValueFactory = _ => "0-10v" };
        dimming.AcceptOnlyFromAmong("pwm", "0-10v", "1-10v");
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds after switch-on before power is judged (default 5)", DefaultValueFactory = _ => 5 };
        var tolerance = new Option<int>("--tolerance") { Description = "Measured power within this % of expected is normal (default 15)", DefaultValueFactory = _ => 15 };
        var standby = new Option<int>("--standby-watts") { Description = "What a switched-off driver may still draw, W (default 2)", DefaultValueFactory = _ => 2 };
        var set = new Command("set", "Create or change a lamp type (a change goes to every lamp of the type as a signed command)") { id, name, watts, minLevel, virtualFull, dimming, warmUp, tolerance, standby };
        set.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var answer = await gateway.PutAsync("api/lighting/lamp-types/" + Uri.EscapeDataString(result.GetValue(id)!), new
            {
                name = result.GetValue(name),
                ratedWatts = result.GetValue(watts),
                minLevel = result.GetValue(minLevel),
                virtualFullLevel = result.GetValue(virtualFull),
                @interface = result.GetValue(dimming),
                warmUpSeconds = result.GetValue(warmUp),
                powerTolerancePercent = result.GetValue(tolerance),
                standbyWatts = result.GetValue(standby),
            }).ConfigureAwait(false);
            output.Result(answer, ["lamp type", "name", "watts", "interface"], [[result.GetValue(id)!, result.GetValue(name)!, result.GetValue(watts).ToString(CultureInfo.InvariantCulture), result.GetValue(dimming)!]]);
            return 0;
        }));
        var list = new Command("list", "The lamp types the gateway knows");
        list.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var types = (await gateway.GetAsync("api/lighting/lamp-types").ConfigureAwait(false)).AsArray();
            output.Result(types, ["lamp type", "name", "watts", "min %", "interface"], types.Select(t => new[]
            {
                t!["id"]!.GetValue<string>(), t["name"]!.GetValue<string>(), t["ratedWatts"]!.ToString(), t["minLevel"]!.ToString(), t["interface"]?.GetValue<string>() ?? "0-10v",
            }));
            return 0;
        }));
        return new Command("lamp-types", "Lamp types of the gateway's lighting model") { set, list };
    }

    /// <summary><c>edgectl groups</c>: the lighting groups lamps are provisioned into.</summary>
    public static Command Groups(Context context)
    {
        var id = new Argument<string>("group-id") { Description = "e.g. avenue-north" };
        var name = new Option<string>("--name") { Description = "What it is called, e.g. \"Абай даңғылы\"", Required = true };
        var calendar = new Option<string?>("--calendar") { Description = "The calendar whose programs the group runs" };
        var set = new Command("set", "Create or change a lighting group") { id, name, calendar };
        set.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var answer = await gateway.PutAsync("api/lighting/groups/" + Uri.EscapeDataString(result.GetValue(id)!), new { name = result.GetValue(name), calendarId = result.GetValue(calendar) }).ConfigureAwait(false);
            output.Result(answer, ["group", "name", "calendar"], [[result.GetValue(id)!, result.GetValue(name)!, result.GetValue(calendar) ?? "–"]]);
            return 0;
        }));
        var list = new Command("list", "The groups the gateway knows");
        list.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var groups = (await gateway.GetAsync("api/lighting/groups").ConfigureAwait(false)).AsArray();
            output.Result(groups, ["group", "name", "calendar"], groups.Select(g => new[] { g!["id"]!.GetValue<string>(), g["name"]!.GetValue<string>(), g["calendarId"]?.GetValue<string>() ?? "–" }));
            return 0;
        }));
        return new Command("groups", "Lighting groups of the gateway's lighting model") { set, list };
    }
}
