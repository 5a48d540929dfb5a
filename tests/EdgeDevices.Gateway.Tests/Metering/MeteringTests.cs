using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Metering;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests.Metering;

/// <summary>Meter consumption per hour and day, register rollover, spikes and the night-flow leak rule.</summary>
[Trait("Category", "Integration")]
public sealed class MeteringTests
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    // Last night, local: its midnight.
    private static DateTimeOffset LastMidnight => new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(Offset).Date, Offset).AddDays(-1);

    [Fact]
    public async Task A_leak_night_raises_a_night_flow_alarm_and_a_normal_night_does_not()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var leaking = await gateway.DeviceAsync("m-0900");
        await using var normal = await gateway.DeviceAsync("m-0901");
        var midnight = LastMidnight;
        long leakTotal = 0, normalTotal = 0;
        for (var quarter = 0; quarter <= 6 * 4; quarter++)
        {
            var at = midnight.AddMinutes(15 * quarter);
            // A dripping tap: 2 litres every quarter hour, all night.
            leakTotal += 2;
            await leaking.PublishAsync(At(Readings.Meter(quarter, leakTotal), at));
            // A household: water through the night but none from 02:00 to 03:00 (a reading counts the quarter before it).
            if (at <= midnight.AddHours(2) || at > midnight.AddHours(3))
            {
                normalTotal += 5;
            }

            await normal.PublishAsync(At(Readings.Meter(quarter, normalTotal), at));
        }

        var alarms = gateway.Services.GetRequiredService<AlarmBook>();
        var alarm = Assert.Single(alarms.List(openOnly: true, "m-0900"), a => a.Code == "nightFlow");
        Assert.Equal(0.008, alarm.Evidence["leastHourlyFlow"]!.GetValue<double>(), 6);
        Assert.DoesNotContain(alarms.List(openOnly: false, "m-0901"), a => a.Code == "nightFlow");

        // The leak goes to the platform too, as the meter's event from the gateway (boot id 0), urgent.
        var urgent = gateway.Store.Read(Lane.Urgent, 0, 100).Where(r => r.DeviceId == "m-0900").Select(r => EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.Decode(r.Payload)).OfType<DeviceEvent>().ToList();
        var leak = Assert.Single(urgent, e => e.Code == EventCode.MeterLeak);
        Assert.True(leak.Raised);
        Assert.Equal(0, leak.BootId);
        Assert.Equal(8, leak.Value);
        Assert.DoesNotContain(gateway.Store.Read(Lane.Urgent, 0, 100), r => r.DeviceId == "m-0901");

        var hours = gateway.Services.GetRequiredService<ConsumptionCalculator>().For("m-0901", 0, midnight, midnight.AddHours(6), TimeSpan.FromHours(1));
        Assert.Equal([0.02, 0.02, 0.0, 0.02, 0.02, 0.02], hours.Select(h => h.Consumption!.Value));
    }

    [Fact]
    public async Task A_register_rollover_is_accepted_and_counted_across_and_a_spike_is_flagged()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["metering:registerDigits"] = "5" });
        await using var meter = await gateway.DeviceAsync("m-0902");
        var start = LastMidnight.AddHours(10);
        await meter.PublishAsync(At(Readings.Meter(0, 99_990_000, medium: MeterMedium.Water), start));
        await meter.PublishAsync(At(Readings.Meter(1, 99_999_500, medium: MeterMedium.Water), start.AddHours(1)));
        // The register passes 99999.999 m³ and starts again from 0.
        var rolled = await meter.PublishAsync(At(Readings.Meter(2, 2_000, medium: MeterMedium.Water), start.AddHours(2)));
        Assert.True(rolled.IsSuccess);
        // 40 m³ in an hour: more than the 10 m³/h a household connection can pass.
        await meter.PublishAsync(At(Readings.Meter(3, 42_000, medium: MeterMedium.Water), start.AddHours(3)));
        // A real decrease (not a rollover) is still refused.
        await meter.PublishAsync(At(Readings.Meter(4, 30_000, medium: MeterMedium.Water), start.AddHours(4)));

        Assert.Equal(4, gateway.Store.Count(Lane.Bulk));
        var hours = gateway.Services.GetRequiredService<ConsumptionCalculator>().For("m-0902", 0, start, start.AddHours(3), TimeSpan.FromHours(1));
        Assert.Equal([9.5, 2.5, 40.0], hours.Select(h => h.Consumption!.Value));
        Assert.Equal([false, false, true], hours.Select(h => h.Spike));

        var day = gateway.Services.GetRequiredService<ConsumptionCalculator>().For("m-0902", 0, start, start.AddDays(1), TimeSpan.FromDays(1));
        Assert.Null(Assert.Single(day).Consumption); // no reading a day later yet: no figure rather than a wrong one
    }

    private static MeterReading At(MeterReading reading, DateTimeOffset at)
    {
        reading.Timestamp = (uint)at.ToUnixTimeSeconds();
        return reading;
    }
}
