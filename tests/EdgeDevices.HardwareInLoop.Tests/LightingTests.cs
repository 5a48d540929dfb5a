using System.Net.Http.Json;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Hardware.Emulation.Parts.Luminaire;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// Street lighting end to end on a virtual clock: the model set through the gateway's REST API, schedules
/// distributed as signed commands, the real street-light app on emulated boards running them in Astana.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LightingTests
{
    private const double Latitude = 51.1694;
    private const double Longitude = 71.4491;
    private static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    public static TheoryData<int, int, int> Nights() => new() { { 2026, 12, 21 }, { 2026, 6, 21 } };

    [Theory]
    [MemberData(nameof(Nights))]
    public async Task A_night_in_astana_follows_the_distributed_profile_at_the_right_minutes(int year, int month, int day)
    {
        await using var bench = await GatewayBench.StartAsync(Local(year, month, day, 12, 0));
        var light = await LitStreetAsync(bench, "sl-night");
        AssertFollows(bench, light, Transitions(year, month, day));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task With_the_gateway_stopped_at_dusk_the_lamps_still_dim_and_switch_off_on_time()
    {
        await using var bench = await GatewayBench.StartAsync(Local(2026, 12, 21, 12, 0));
        var light = await LitStreetAsync(bench, "sl-alone");
        var transitions = Transitions(2026, 12, 21);
        bench.RunTo(transitions[0].At.AddMinutes(-30));
        await bench.StopGatewayAsync();
        AssertFollows(bench, light, transitions);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task An_override_expires_on_time_and_the_program_resumes()
    {
        await using var bench = await GatewayBench.StartAsync(Local(2026, 12, 21, 12, 0));
        var light = await LitStreetAsync(bench, "sl-override");
        bench.RunTo(Local(2026, 12, 21, 21, 0), 60_000);
        Assert.True(Near(light.Luminaire.LightPercent, 100));

        var response = await bench.Http.PostAsJsonAsync("/api/lighting/overrides", new { target = "group:avenue", level = 30, minutes = 30 });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.True(bench.RunUntil(() => Near(light.Luminaire.LightPercent, 30), TimeSpan.FromMinutes(10)), bench.Describe(light.DeviceId));
        var applied = bench.Clock.UtcNow;
        Assert.True(bench.RunUntil(() => bench.Get("/api/commands?device=sl-override")[0]!["status"]!.GetValue<string>() == "acknowledged", TimeSpan.FromMinutes(10)));

        bench.RunTo(applied.AddMinutes(29));
        Assert.True(Near(light.Luminaire.LightPercent, 30), "the override holds for its 30 minutes");
        bench.RunTo(applied.AddMinutes(31));
        Assert.True(Near(light.Luminaire.LightPercent, 100), $"and then the program takes over again: {light.Luminaire.LightPercent} %");
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_failed_lamp_is_reported_as_an_alarm_within_the_detection_window_and_cleared_when_repaired()
    {
        await using var bench = await GatewayBench.StartAsync(Local(2026, 12, 21, 12, 0));
        var light = await LitStreetAsync(bench, "sl-fault");
        bench.RunTo(Local(2026, 12, 21, 20, 0), 60_000);

        light.Luminaire.Fault = LuminaireFault.OpenLamp;
        var failedAt = bench.Clock.UtcNow;
        Assert.True(bench.RunUntil(() => bench.Get("/api/alarms?device=sl-fault").AsArray().Any(a => a!["code"]!.GetValue<string>() == "lampFailure"), TimeSpan.FromMinutes(5)), bench.Describe(light.DeviceId));
        var alarm = bench.Get("/api/alarms?device=sl-fault").AsArray().First(a => a!["code"]!.GetValue<string>() == "lampFailure")!;
        var raisedAt = DateTimeOffset.FromUnixTimeMilliseconds(alarm["raisedAt"]!.GetValue<long>()).UtcDateTime;
        // The monitor's window: 10 s settling, 60 s of evidence, one 5 s sample period.
        Assert.InRange(raisedAt - failedAt, TimeSpan.Zero, TimeSpan.FromSeconds(80));
        Assert.Equal("alarm", alarm["severity"]!.GetValue<string>());
        Assert.True(alarm["evidence"]!["value"]!.GetValue<int>() < 50, "evidence: the measured power of a lamp that gives no light");

        light.Luminaire.Fault = LuminaireFault.None;
        Assert.True(bench.RunUntil(() => bench.Get("/api/alarms?device=sl-fault&open=true").AsArray().Count == 0, TimeSpan.FromMinutes(10)), "cleared once the lamp burns again");
        Assert.Single(bench.Get("/api/alarms?device=sl-fault&open=false").AsArray(), a => a!["code"]!.GetValue<string>() == "lampFailure");
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_command_the_lamp_cannot_verify_is_refused_by_the_lamp_and_reported()
    {
        await using var bench = await GatewayBench.StartAsync(Local(2026, 12, 21, 12, 0));
        var light = await LitStreetAsync(bench, "sl-forged");
        bench.RunTo(Local(2026, 12, 21, 21, 0), 60_000);

        // The gateway's copy of the key is not the lamp's (as for an impostor who guessed one).
        bench.Gateway.Register(light.DeviceId, light.Spec.MqttPassword, new byte[32]);
        var response = await bench.Http.PostAsJsonAsync("/api/lighting/overrides", new { target = "lamp:sl-forged", level = 10, minutes = 60 });
        Assert.True(response.IsSuccessStatusCode);
        Assert.True(bench.RunUntil(() => bench.Get("/api/commands?device=sl-forged")[0]!["status"]!.GetValue<string>() == "refused", TimeSpan.FromMinutes(10)), bench.Describe(light.DeviceId));
        Assert.Equal("authenticationFailed", bench.Get("/api/commands?device=sl-forged")[0]!["result"]!.GetValue<string>());
        Assert.Contains(bench.Get("/api/alarms?device=sl-forged").AsArray(), a => a!["code"]!.GetValue<string>() == "commandRefused");
        Assert.True(Near(light.Luminaire.LightPercent, 100), "the lamp did not obey");

        // The platform hears of it too: an event of the lamp, from the gateway (boot id 0), with the command's id.
        List<DeviceEvent> Forwarded() => [.. bench.Gateway.Store.Read(EdgeDevices.Gateway.Storage.Lane.Urgent, 0, 10_000)
            .Where(r => r.DeviceId == "sl-forged" && r.BootId == 0)
            .Select(r => EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.Decode(r.Payload))
            .OfType<DeviceEvent>()];
        Assert.True(bench.RunUntil(() => Forwarded().Any(e => e.Code == EventCode.CommandRefused), TimeSpan.FromMinutes(1)));
        var refusal = Forwarded().Single(e => e.Code == EventCode.CommandRefused);
        Assert.Equal(bench.Get("/api/commands?device=sl-forged")[0]!["commandId"]!.GetValue<int>(), refusal.Value);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task The_savings_report_for_a_night_matches_the_lamps_energy_counters()
    {
        await using var bench = await GatewayBench.StartAsync(Local(2026, 12, 21, 11, 30));
        var lights = new List<StreetLightDevice>();
        foreach (var (id, watts) in new[] { ("sl-e1", 100), ("sl-e2", 150), ("sl-e3", 70) })
        {
            lights.Add(await LitStreetAsync(bench, id, watts));
        }

        var from = Local(2026, 12, 21, 12, 0);
        bench.RunTo(from);
        var energyAtStart = lights.Select(l => l.Luminaire.EnergyWattHours).ToList();
        bench.RunTo(Local(2026, 12, 22, 12, 0), 60_000);
        var used = lights.Select((l, i) => l.Luminaire.EnergyWattHours - energyAtStart[i]).ToList();
        bench.RunTo(Local(2026, 12, 22, 12, 20), 60_000);

        var report = bench.Get("/api/lighting/report?night=2026-12-21");
        var lamps = report["lamps"]!.AsArray();
        for (var i = 0; i < lights.Count; i++)
        {
            var lamp = lamps.First(l => l!["deviceId"]!.GetValue<string>() == lights[i].DeviceId)!;
            var reported = GatewayBench.Number(lamp["energyWattHours"]);
            // Traceable: the figure is exactly the difference of the device's own counters, given in the report.
            Assert.Equal(GatewayBench.Number(lamp["end"]!["energyWattHours"]) - GatewayBench.Number(lamp["start"]!["energyWattHours"]), reported);
            Assert.True(Math.Abs(reported - used[i]) <= used[i] * 0.01, $"{lights[i].DeviceId}: report {reported} Wh, the lamp used {used[i]:F1} Wh");
            // Savings against the lamp at 100 % from sunset to sunrise, from what it really used.
            var expectedSavings = 100 * (1 - (used[i] / GatewayBench.Number(lamp["fullPowerWattHours"])));
            Assert.True(Math.Abs(GatewayBench.Number(lamp["savingsPercent"]) - expectedSavings) < 1, $"{lights[i].DeviceId}: savings {lamp["savingsPercent"]} %, expected {expectedSavings:F2} %");
            Assert.InRange(GatewayBench.Number(lamp["savingsPercent"]), 5, 30);
            Assert.InRange(GatewayBench.Number(lamp["availabilityPercent"]), 99, 100);
        }

        var total = GatewayBench.Number(report["all"]!["energyWattHours"]);
        Assert.True(Math.Abs(total - used.Sum()) <= used.Sum() * 0.01, $"total: report {total} Wh, the lamps used {used.Sum():F1} Wh");
        var full = GatewayBench.Number(report["all"]!["fullPowerWattHours"]);
        Assert.Equal(Math.Round(100 * (1 - (total / full)), 2), GatewayBench.Number(report["all"]!["savingsPercent"]), 2);
        Assert.Empty(bench.Crashes());
    }

    // The street's model through the API, then the lamp powered and its schedule acknowledged.
    private static async Task<StreetLightDevice> LitStreetAsync(GatewayBench bench, string deviceId, int watts = 100)
    {
        await bench.PutAsync($"/api/lighting/lamp-types/led-{watts}", new { name = $"LED {watts} W", ratedWatts = watts, minLevel = 10 });
        await bench.PutAsync("/api/lighting/programs/1", new
        {
            name = "midnight dimming",
            activeFrom = "sunset-10",
            activeUntil = "sunrise+10",
            baseLevel = 100,
            steps = new[] { new { at = "23:00", level = 70 }, new { at = "01:00", level = 50 }, new { at = "05:00", level = 100 } },
        });
        await bench.PutAsync("/api/lighting/calendars/city", new { name = "every night", rules = new[] { new { program = 1 } } });
        await bench.PutAsync("/api/lighting/groups/avenue", new { name = "Avenue", calendarId = "city" });
        await bench.PutAsync($"/api/lighting/lamps/{deviceId}", new { lampTypeId = $"led-{watts}", groupId = "avenue", latitude = Latitude, longitude = Longitude });

        var light = bench.Add<StreetLightDevice>(DeviceRole.StreetLight, deviceId, s => s with
        {
            Latitude = Latitude,
            Longitude = Longitude,
            UtcOffsetMinutes = 300,
            LampRatedWatts = watts,
            TelemetryIntervalSeconds = 3600,
        });
        light.PowerOn();
        Assert.True(
            bench.RunUntil(() => bench.Get("/api/lighting/schedules").AsArray().Any(s => s!["deviceId"]!.GetValue<string>() == deviceId && s["ackedVersion"]!.GetValue<int>() > 0), TimeSpan.FromMinutes(10)),
            "the lamp acknowledged its schedule" + bench.Describe(deviceId));
        return light;
    }

    // A minute before each change the lamp gives the level before it, a minute after the level after it.
    private static void AssertFollows(GatewayBench bench, StreetLightDevice light, List<(DateTime At, double Before, double After)> transitions)
    {
        foreach (var (at, before, after) in transitions)
        {
            bench.RunTo(at.AddMinutes(-1));
            Assert.True(Near(light.Luminaire.LightPercent, before), $"a minute before {at.Add(Offset):HH:mm} local the lamp gave {light.Luminaire.LightPercent} %, expected {before} %{bench.Describe(light.DeviceId)}");
            bench.RunTo(at.AddMinutes(1));
            Assert.True(Near(light.Luminaire.LightPercent, after), $"a minute after {at.Add(Offset):HH:mm} local the lamp gave {light.Luminaire.LightPercent} %, expected {after} %{bench.Describe(light.DeviceId)}");
        }
    }

    // When the level changes in the night starting on the date: sunset-10 on, 23:00, 01:00, 05:00 (while
    // still dark), sunrise+10 off.
    private static List<(DateTime At, double Before, double After)> Transitions(int year, int month, int day)
    {
        var sun = new SolarClock(Latitude, Longitude, 300);
        var next = new DateOnly(year, month, day).AddDays(1);
        Assert.True(sun.TryGetEvent(SolarEvent.Sunset, year, month, day, out var sunset));
        Assert.True(sun.TryGetEvent(SolarEvent.Sunrise, next.Year, next.Month, next.Day, out var sunrise));
        var on = sunset.AddMinutes(-10);
        var off = sunrise.AddMinutes(10);
        var steps = new List<(DateTime At, double Level)> { (Local(year, month, day, 23, 0), 70), (Local(next.Year, next.Month, next.Day, 1, 0), 50), (Local(next.Year, next.Month, next.Day, 5, 0), 100) };
        var transitions = new List<(DateTime, double, double)> { (on, 0, 100) };
        var level = 100.0;
        foreach (var (at, stepLevel) in steps.Where(s => s.At > on && s.At < off))
        {
            transitions.Add((at, level, stepLevel));
            level = stepLevel;
        }

        transitions.Add((off, level, 0));
        return transitions;
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Offset).UtcDateTime;

    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) < 0.5;
}
