using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Hardware.Emulation.Parts.Luminaire;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The street-light app on an emulated controller in its luminaire.</summary>
[Trait("Category", "Integration")]
public sealed class StreetLightTests
{
    // Astana, 2026-11-24: UTC+5, sunset about 16:50 local, sunrise about 09:10 local.
    private const double Latitude = 51.1694;
    private const double Longitude = 71.4491;
    private const int UtcOffsetMinutes = 300;

    private const string NightSchedule = """
        {
          "version": 3,
          "defaultProgram": 1,
          "programs": [
            { "id": 1, "activeFrom": "sunset", "activeUntil": "sunrise", "baseLevel": 100,
              "steps": [ { "at": "23:00", "level": 70 }, { "at": "01:00", "level": 50 }, { "at": "05:00", "level": 100 } ] }
          ]
        }
        """;

    [Fact]
    public async Task An_open_lamp_raises_a_lamp_failure_event()
    {
        // 20:00 local: dark, so the lamp is commanded on.
        await using var bench = await HilBench.StartAsync(new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc));
        var light = bench.Add<StreetLightDevice>(DeviceRole.StreetLight, "sl-open");
        light.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Received<LampStatus>(light.DeviceId).Any(s => s.RelayOn && s.HasPower && s.PowerDeciWatt > 900), TimeSpan.FromMinutes(2)));

        light.Luminaire.Fault = LuminaireFault.OpenLamp;
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(light.DeviceId).Any(e => e.Code == EventCode.LampFailure && e.Raised), TimeSpan.FromMinutes(5)));

        var failure = bench.Received<DeviceEvent>(light.DeviceId).First(e => e.Code == EventCode.LampFailure);
        Assert.Equal(EventSeverity.Alarm, failure.Severity);
        Assert.InRange(failure.Value, 0, 50); // evidence: the driver's standby draw, a few watts
        Assert.True(bench.RunUntil(() => (bench.Received<LampStatus>(light.DeviceId).LastOrDefault()?.Faults & LampFaults.LampFailure) != 0, TimeSpan.FromMinutes(2)));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Keeps_its_schedule_through_a_night_with_no_network_and_reports_it_afterwards()
    {
        // 13:00 local on a November day.
        var start = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
        await using var bench = await HilBench.StartAsync(start);
        var light = bench.Add<StreetLightDevice>(DeviceRole.StreetLight, "sl-night", s => s with
        {
            ScheduleJson = NightSchedule,
            Latitude = Latitude,
            Longitude = Longitude,
            UtcOffsetMinutes = UtcOffsetMinutes,
            TelemetryIntervalSeconds = 3600,
        });
        light.PowerOn();
        // At boot the clock is unset and the lamp lights (fail-safe); once SNTP has set it, the schedule turns it off.
        Assert.True(bench.RunUntil(() => bench.IsOnline(light.DeviceId) && bench.Received<LampStatus>(light.DeviceId).LastOrDefault() is { Level: 0, RelayOn: false }, TimeSpan.FromMinutes(2)));
        Assert.Equal(0, light.Luminaire.LightPercent);

        // The access point is out of reach from early afternoon until late next morning.
        light.Board.Wifi.DropLink();
        var sun = new SolarClock(Latitude, Longitude, UtcOffsetMinutes);
        Assert.True(sun.TryGetEvent(SolarEvent.Sunset, 2026, 11, 24, out var sunset));
        Assert.True(sun.TryGetEvent(SolarEvent.Sunrise, 2026, 11, 25, out var sunrise));
        var expectations = new (DateTime Utc, double Light)[]
        {
            (sunset.AddMinutes(-20), 0),
            (sunset.AddMinutes(20), 100),
            (Local(2026, 11, 24, 23, 30), 70),
            (Local(2026, 11, 25, 2, 0), 50),
            (Local(2026, 11, 25, 6, 0), 100),
            (sunrise.AddMinutes(20), 0),
        };
        foreach (var (utc, expected) in expectations)
        {
            Assert.True(bench.RunUntil(() => bench.Clock.UtcNow >= utc, TimeSpan.FromHours(24), 60_000));
            Assert.True(Math.Abs(light.Luminaire.LightPercent - expected) < 0.5, $"at {utc:u} the lamp gave {light.Luminaire.LightPercent} %, expected {expected} %");
        }

        Assert.Equal(0, light.Board.Wifi.OpenConnections);
        var offlineSince = bench.Received<LampStatus>(light.DeviceId).Count;

        // Back in range: the night's status changes arrive, in order, stamped when they happened.
        light.Board.Wifi.RestoreLink();
        Assert.True(bench.RunUntil(
            () => bench.IsOnline(light.DeviceId) && bench.Received<LampStatus>(light.DeviceId).Any(s => s.Level == 0 && UnixTime.ToDateTime(s.Timestamp) >= sunrise.AddSeconds(-10)),
            TimeSpan.FromMinutes(15)),
            bench.Describe(light.DeviceId));
        var levels = new List<int>();
        foreach (var status in bench.Received<LampStatus>(light.DeviceId).Skip(offlineSince))
        {
            if (levels.Count == 0 || levels[^1] != status.Level)
            {
                levels.Add(status.Level);
            }
        }

        Assert.Equal([0, 100, 70, 50, 100, 0], levels);
        var dimmed = bench.Received<LampStatus>(light.DeviceId).Skip(offlineSince).First(s => s.Level == 70);
        Assert.InRange(UnixTime.ToDateTime(dimmed.Timestamp), Local(2026, 11, 24, 23, 0), Local(2026, 11, 24, 23, 0).AddSeconds(10));
        DeliveryTests.AssertContiguousAndInOrder(bench.Received(light.DeviceId));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task An_override_from_the_gateway_sets_the_level_until_it_expires()
    {
        await using var bench = await HilBench.StartAsync(new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc));
        var light = bench.Add<StreetLightDevice>(DeviceRole.StreetLight, "sl-override");
        light.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(light.DeviceId) && light.Luminaire.LightPercent > 99, TimeSpan.FromMinutes(2)));

        await Commands.SendAsync(bench, light.DeviceId, new DeviceCommand { CommandId = 41, Kind = CommandKind.SetOverride, Level = 30, DurationMinutes = 10 });
        Assert.True(bench.RunUntil(() => Math.Abs(light.Luminaire.LightPercent - 30) < 0.5, TimeSpan.FromMinutes(1), 500));
        Assert.True(bench.RunUntil(() => bench.Received<CommandAck>(light.DeviceId).Any(a => a.CommandId == 41), TimeSpan.FromMinutes(1)));
        Assert.Equal(AckResult.Ok, bench.Received<CommandAck>(light.DeviceId).First(a => a.CommandId == 41).Result);
        Assert.True(bench.RunUntil(() => bench.Received<LampStatus>(light.DeviceId).Any(s => s.Level == 30 && s.Source == ControlSource.Override), TimeSpan.FromMinutes(1)));

        bench.Clock.Run(TimeSpan.FromMinutes(11));
        Assert.True(light.Luminaire.LightPercent > 99, "the override expired and the schedule took over");
        Assert.Empty(bench.Crashes());
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddMinutes(-UtcOffsetMinutes);

    [Fact]
    public async Task A_lamp_type_change_from_the_gateway_is_applied_kept_and_judges_the_lamp_by_its_new_power()
    {
        // 20:00 local, dark: a 100 W lamp burning at full level.
        await using var bench = await HilBench.StartAsync(new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc));
        var light = bench.Add<StreetLightDevice>(DeviceRole.StreetLight, "sl-retype");
        light.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Received<LampStatus>(light.DeviceId).Any(s => s.RelayOn && s.HasPower && s.PowerDeciWatt > 900), TimeSpan.FromMinutes(2)));
        Assert.Equal(LampFaults.None, bench.Received<LampStatus>(light.DeviceId).Last().Faults);

        // The gateway's lamp type says the lamp is a 50 W one (what the gateway sends: its own document).
        var type = new EdgeDevices.Gateway.Lighting.Model.LampTypeDefinition("led-50", "LED 50 W", 50, PowerTolerancePercent: 10);
        var document = new System.Text.Json.Nodes.JsonObject { ["version"] = 7, ["lamp"] = type.DeviceLampSection() }.ToJsonString();
        await Commands.SendAsync(bench, light.DeviceId, new DeviceCommand { CommandId = 801, Kind = CommandKind.SetLampType, Counter = 801, Document = document });
        Assert.True(bench.RunUntil(() => bench.Received<CommandAck>(light.DeviceId).Any(a => a.CommandId == 801), TimeSpan.FromMinutes(1)), bench.Describe(light.DeviceId));
        Assert.Equal(AckResult.Ok, bench.Received<CommandAck>(light.DeviceId).First(a => a.CommandId == 801).Result);

        // Drawing 100 W against a rated 50: by the new parameters the output does not follow its level (the
        // monitor reads the power as a level twice the commanded one: a dimming failure, not a fine lamp).
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(light.DeviceId).Any(e => e.Code is EventCode.DimmingFailure or EventCode.PowerTooHigh && e.Raised), TimeSpan.FromMinutes(5)), bench.Describe(light.DeviceId));
        Assert.Contains(light.Board.LogLines, l => l.Contains("lamp parameters version 7 in force: 50 W", StringComparison.Ordinal));

        // An older document arriving late does not roll the lamp back.
        var older = new System.Text.Json.Nodes.JsonObject { ["version"] = 6, ["lamp"] = new EdgeDevices.Gateway.Lighting.Model.LampTypeDefinition("led-100", "LED 100 W", 100).DeviceLampSection() }.ToJsonString();
        await Commands.SendAsync(bench, light.DeviceId, new DeviceCommand { CommandId = 802, Kind = CommandKind.SetLampType, Counter = 802, Document = older });
        Assert.True(bench.RunUntil(() => bench.Received<CommandAck>(light.DeviceId).Any(a => a.CommandId == 802), TimeSpan.FromMinutes(1)));
        Assert.Equal(AckResult.Rejected, bench.Received<CommandAck>(light.DeviceId).First(a => a.CommandId == 802).Result);

        // Kept on flash: after a power cut the lamp boots with the 50 W parameters.
        // (The first boot had no lamp.json, so "loaded" can only come from the second.)
        Assert.DoesNotContain(light.Board.LogLines, l => l.Contains("lamp parameters version 7 loaded", StringComparison.Ordinal));
        light.CutPower();
        light.PowerOn();
        Assert.True(bench.RunUntil(() => light.Board.LogLines.Any(l => l.Contains("lamp parameters version 7 loaded", StringComparison.Ordinal)), TimeSpan.FromMinutes(2)), bench.Describe(light.DeviceId));
        Assert.Empty(bench.Crashes());
    }
}
