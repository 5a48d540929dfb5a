using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The broker going away under load, as a street of devices sees it (fault injection).</summary>
[Trait("Category", "Integration")]
public sealed class BrokerRestartTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_broker_restart_under_load_brings_spread_out_reconnects_and_loses_nothing()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meters = Enumerable.Range(0, 30)
            .Select(i => bench.Add<MeterDevice>(DeviceRole.Meter, $"m-restart-{i:D2}", s => s with { TelemetryIntervalSeconds = 10 }))
            .ToList();
        foreach (var meter in meters)
        {
            meter.S0[0].SetRate(1800);
            meter.PowerOn();
        }

        Assert.True(bench.RunUntil(() => meters.All(m => bench.IsOnline(m.DeviceId) && bench.Received<MeterReading>(m.DeviceId).Count >= 2), TimeSpan.FromMinutes(3)));

        // The broker is down for three minutes, then back.
        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: false);
        var down = bench.Clock.UptimeMilliseconds;
        bench.Clock.Run(TimeSpan.FromMinutes(3));
        var up = bench.Clock.UptimeMilliseconds;
        bench.World.Network.SetReachable(bench.Broker.EndPoint, reachable: true);
        var restored = bench.Clock.UtcNow;
        Assert.True(
            bench.RunUntil(() => meters.All(m => bench.IsOnline(m.DeviceId) && bench.Received<MeterReading>(m.DeviceId).Any(r => UnixTime.ToDateTime(r.Timestamp) > restored)), TimeSpan.FromMinutes(10)),
            string.Join(", ", meters.Where(m => !bench.IsOnline(m.DeviceId)).Select(m => m.DeviceId)));

        // No storm: with exponential backoff each device tried a handful of times in three minutes, not every second.
        var attemptsWhileDown = meters.Select(m => m.Board.Wifi.ConnectAttempts.Count(t => t >= down && t < up)).ToList();
        Assert.All(attemptsWhileDown, n => Assert.InRange(n, 1, 10));

        // And the street did not come back in one burst: the first attempts after the restore are spread out.
        var firstBack = meters.Select(m => m.Board.Wifi.ConnectAttempts.First(t => t >= up)).Order().ToList();
        Assert.True(firstBack[^1] - firstBack[0] >= 10_000, $"all reconnects within {firstBack[^1] - firstBack[0]} ms");
        Assert.True(firstBack.Max(t => firstBack.Count(u => u >= t && u < t + 2000)) <= meters.Count / 2, "more than half the devices reconnected within the same two seconds");

        // Nothing lost, nothing out of order.
        foreach (var meter in meters)
        {
            DeliveryTests.AssertContiguousAndInOrder(bench.Received(meter.DeviceId));
        }

        Assert.Empty(bench.Crashes());
    }
}
