using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeDevices.Ctl.Commands;

/// <summary>
/// <c>edgectl rollout</c>: roll an uploaded bundle out to devices in waves (canary first) and follow it
/// device by device; the gateway stops it when failures pass the threshold.
/// </summary>
internal static class RolloutCommands
{
    public static Command Create(Context context)
    {
        var app = new Option<string>("--app") { Description = "streetlight, airquality or meter", Required = true };
        app.AcceptOnlyFromAmong("streetlight", "airquality", "meter");
        var version = new Option<string>("--version") { Description = "The uploaded bundle's version", Required = true };
        var devices = new Option<string[]>("--device") { Description = "A device to update (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var group = new Option<string>("--group") { Description = "A lighting group: every lamp in it" };
        var all = new Option<bool>("--all") { Description = "Every device known to run the app" };
        var canary = new Option<int>("--canary") { Description = "Percent of the devices in the first wave (at least one device)", DefaultValueFactory = _ => 10 };
        var waveSize = new Option<int>("--wave-size") { Description = "Devices per wave after the canary", DefaultValueFactory = _ => 10 };
        var maxFailures = new Option<int>("--max-failures") { Description = "Stop when more than this percent of the devices tried have failed", DefaultValueFactory = _ => 20 };
        var force = new Option<bool>("--force") { Description = "Roll out a version older than one already released (to undo a bad release)" };
        var start = new Command("start", "Start rolling a bundle out (upload it first: edgectl bundle upload)") { app, version, devices, group, all, canary, waveSize, maxFailures, force };
        start.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var listed = result.GetValue(devices) ?? [];
            if (listed.Length == 0 && result.GetValue(group) == null && !result.GetValue(all))
            {
                throw new CtlException("no devices chosen", "give --device (repeatable), --group or --all", 2);
            }

            var answer = await gateway.PostAsync("api/rollouts", new
            {
                app = result.GetValue(app),
                version = result.GetValue(version),
                devices = listed,
                group = result.GetValue(group),
                all = result.GetValue(all),
                canaryPercent = result.GetValue(canary),
                waveSize = result.GetValue(waveSize),
                failureThresholdPercent = result.GetValue(maxFailures),
                force = result.GetValue(force),
            }).ConfigureAwait(false);
            Report(output, answer);
            return 0;
        }));

        var id = new Argument<long?>("id") { Description = "The rollout (all rollouts when left out)", Arity = ArgumentArity.ZeroOrOne };
        var status = new Command("status", "A rollout device by device, or the list of rollouts") { id };
        status.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            if (result.GetValue(id) is { } one)
            {
                var rollout = await gateway.GetAsync($"api/rollouts/{one}").ConfigureAwait(false);
                Report(output, rollout);
                return rollout["state"]!.GetValue<string>() == "stopped" ? 10 : 0;
            }

            var list = (await gateway.GetAsync("api/rollouts").ConfigureAwait(false)).AsArray();
            output.Result(list, ["id", "app", "version", "state", "wave", "devices"], list.Select(r => new[]
            {
                r!["id"]!.ToString(),
                r["app"]!.GetValue<string>(),
                r["version"]!.GetValue<string>(),
                r["state"]!.GetValue<string>() + (r["stopReason"]?.GetValue<string>() is { } why ? $" ({why})" : string.Empty),
                r["wave"]!.ToString(),
                Counts(r["counts"]!.AsObject()),
            }));
            return 0;
        }));

        var stopId = new Argument<long>("id") { Description = "The rollout to stop" };
        var stop = new Command("stop", "Stop a rollout: no further wave is sent (devices already updating finish)") { stopId };
        stop.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            Report(output, await gateway.PostAsync($"api/rollouts/{result.GetValue(stopId)}/stop", new { }).ConfigureAwait(false));
            return 0;
        }));

        return new Command("rollout", "Roll signed application bundles out to devices in waves, canary first") { start, status, stop };
    }

    private static void Report(Output output, JsonNode rollout)
    {
        var state = rollout["state"]!.GetValue<string>() + (rollout["stopReason"]?.GetValue<string>() is { } why ? $" ({why})" : string.Empty);
        var rows = rollout["devices"]!.AsArray().Select(d => new[]
        {
            d!["deviceId"]!.GetValue<string>(),
            d["wave"]!.ToString(),
            d["status"]!.GetValue<string>(),
            d["reason"]?.GetValue<string>() ?? string.Empty,
        });
        output.Line($"rollout {rollout["id"]}: {rollout["app"]} {rollout["version"]}, {state}, wave {rollout["wave"]}");
        output.Result(rollout, ["device", "wave", "status", "reason"], rows);
    }

    private static string Counts(JsonObject counts) =>
        string.Join(", ", counts.Select(c => $"{c.Value!.ToString()} {c.Key}").Order(StringComparer.Ordinal)) is { Length: > 0 } text ? text : "–";
}
