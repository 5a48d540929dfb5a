using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Hardware.Emulation.Parts.Luminaire;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The street-light app on an emulated controller in its luminaire.</summary>
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
}
