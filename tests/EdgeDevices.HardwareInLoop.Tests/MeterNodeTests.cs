using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Provisioning;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The meter app on an emulated node with S0 outputs and a tamper contact.</summary>
[Trait("Category", "Integration")]
public sealed class MeterNodeTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Five_thousand_bouncy_S0_pulses_count_exactly_five_thousand()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-bounce", s => s with
        {
            TelemetryIntervalSeconds = 60,
            MeterChannels = [new MeterChannelSpec("electricity", 1000) { DebounceMs = 20 }],
        });
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(1)));

        var s0 = meter.S0[0];
        s0.BounceTransitions = 4;
        s0.Emit(5000, 120);
        bench.Clock.Run(TimeSpan.FromMilliseconds((5000 * 120) + 2000));
        Assert.True(bench.RunUntil(() => bench.Received<MeterReading>(meter.DeviceId).LastOrDefault()?.TotalMilli == 5000, TimeSpan.FromMinutes(3)));

        Assert.Equal(5000, s0.PulsesEmitted);
        Assert.Equal(5000 * (2 + (2 * 4)), s0.Transitions); // closing, opening and four bounces at each
        var last = bench.Received<MeterReading>(meter.DeviceId)[^1];
        Assert.Equal(MeterMedium.Electricity, last.Medium);
        Assert.Equal(5000, last.TotalMilli);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_magnet_on_the_meter_raises_a_tamper_alarm_that_clears_when_it_is_gone()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-magnet");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(1)));

        meter.Magnet.MagnetPresent = true;
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(meter.DeviceId).Any(e => e.Code == EventCode.MeterTamper && e.Raised), TimeSpan.FromMinutes(5)));
        meter.Magnet.MagnetPresent = false;
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(meter.DeviceId).Any(e => e.Code == EventCode.MeterTamper && !e.Raised), TimeSpan.FromMinutes(15)));
        Assert.Equal(EventSeverity.Alarm, bench.Received<DeviceEvent>(meter.DeviceId).First(e => e.Code == EventCode.MeterTamper).Severity);
        Assert.Empty(bench.Crashes());
    }
}
