using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Observation;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>Store and forward: what an outage or a power cut does to the messages of a device.</summary>
[Trait("Category", "Integration")]
public sealed class DeliveryTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_ten_minute_broker_outage_loses_nothing_and_delivers_in_order_after_reconnect()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-outage", s => s with { TelemetryIntervalSeconds = 10 });
        meter.S0[0].SetRate(3600);
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received<MeterReading>(meter.DeviceId).Count >= 3, TimeSpan.FromMinutes(2)));

        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: false);
        var before = bench.Received(meter.DeviceId).Count;
        var outageStart = bench.Clock.UtcNow;
        bench.Clock.Run(TimeSpan.FromMinutes(10));
        var outageEnd = bench.Clock.UtcNow;

        // Nothing got through, and the broker published the device's Last Will.
        Assert.Equal(before, bench.Received(meter.DeviceId).Count);
        Assert.Equal("offline", bench.Observer.Of(meter.DeviceId, MqttTopics.Status).Last().Text);

        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: true);
        Assert.True(bench.RunUntil(
            () => bench.IsOnline(meter.DeviceId) && bench.Received<MeterReading>(meter.DeviceId).Any(r => UnixTime.ToDateTime(r.Timestamp) > outageEnd.AddSeconds(30)),
            TimeSpan.FromMinutes(10)));

        var messages = bench.Received(meter.DeviceId);
        AssertContiguousAndInOrder(messages);
        var duringOutage = messages.OfType<MeterReading>().Count(r => UnixTime.ToDateTime(r.Timestamp) >= outageStart && UnixTime.ToDateTime(r.Timestamp) < outageEnd);
        Assert.InRange(duringOutage, 59, 61);
        var totals = messages.OfType<MeterReading>().Select(r => r.TotalMilli).ToList();
        Assert.Equal(totals.Order().ToList(), totals);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_power_cut_in_the_middle_of_an_outbox_write_loses_at_most_that_record()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-cut", s => s with { TelemetryIntervalSeconds = 10 });
        meter.S0[0].SetRate(3600);
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received<MeterReading>(meter.DeviceId).Count >= 2, TimeSpan.FromMinutes(2)));

        // Offline for a while, so records pile up in the outbox; then the power fails 60 bytes into the next one.
        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: false);
        bench.Clock.Run(TimeSpan.FromMinutes(2));
        var firstBoot = bench.Received(meter.DeviceId)[0].BootId;
        meter.Board.Flash.CutPowerDuringWrite("outbox", 60);
        Assert.True(bench.RunUntil(() => !meter.Board.IsPoweredOn, TimeSpan.FromMinutes(1)), "the cut never struck");

        bench.Clock.Run(TimeSpan.FromSeconds(30));
        meter.PowerOn();
        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: true);
        Assert.True(bench.RunUntil(
            () => bench.Received<MeterReading>(meter.DeviceId).Count(r => r.BootId != firstBoot) >= 3,
            TimeSpan.FromMinutes(10)));

        var messages = bench.Received(meter.DeviceId);
        var firstLife = messages.Where(m => m.BootId == firstBoot).ToList();
        var secondLife = messages.Where(m => m.BootId != firstBoot).ToList();

        // The first life's records all arrived (intact, in order, no gap) up to the one being written.
        AssertContiguousAndInOrder(firstLife);
        Assert.True(firstLife.OfType<MeterReading>().Count() >= 13, "the records queued during the outage were delivered");
        AssertContiguousAndInOrder(secondLife);
        Assert.Contains(meter.Board.LogLines, l => l.Contains("outbox: 1 damaged record(s) skipped", StringComparison.Ordinal));
        var boot = Assert.IsType<DeviceEvent>(secondLife[0]);
        Assert.Equal(EventCode.Boot, boot.Code);
        Assert.Equal((short)ResetReason.PowerOn, boot.Value);

        // The register survives: totals never go back, and at most the unsaved window is lost.
        var before = firstLife.OfType<MeterReading>().Last().TotalMilli;
        var after = secondLife.OfType<MeterReading>().First().TotalMilli;
        Assert.True(after >= before - 50, $"register went back from {before} to {after}");
        Assert.Empty(bench.Crashes());
    }

    // Every sequence number from the first received to the last, each first seen in increasing order.
    internal static void AssertContiguousAndInOrder(IReadOnlyList<Message> messages)
    {
        Assert.NotEmpty(messages);
        var firstSeen = new List<int>();
        var seen = new HashSet<int>();
        foreach (var message in messages)
        {
            if (seen.Add(message.Sequence))
            {
                firstSeen.Add(message.Sequence);
            }
        }

        Assert.Equal(firstSeen.Order().ToList(), firstSeen);
        Assert.Equal(Enumerable.Range(firstSeen[0], firstSeen.Count), firstSeen);
        Assert.Equal(0, firstSeen[0]);
    }
}
