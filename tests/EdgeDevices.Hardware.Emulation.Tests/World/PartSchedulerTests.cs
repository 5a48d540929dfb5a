namespace EdgeDevices.Hardware.Emulation.Tests.World;

public sealed class PartSchedulerTests
{
    [Fact]
    public void Runs_items_at_their_virtual_time_in_the_order_scheduled()
    {
        var bench = new Bench();
        var ran = new List<(string Name, long At)>();
        bench.World.Scheduler.At(500, () => ran.Add(("b", bench.Clock.UptimeMilliseconds)));
        bench.World.Scheduler.At(200, () => ran.Add(("a", bench.Clock.UptimeMilliseconds)));
        bench.World.Scheduler.At(500, () => ran.Add(("c", bench.Clock.UptimeMilliseconds)));
        bench.Run(1_000);
        Assert.Equal([("a", 200L), ("b", 500L), ("c", 500L)], ran);
    }

    [Fact]
    public void Periodic_items_do_not_drift_and_stop_when_disposed()
    {
        var bench = new Bench();
        var at = new List<long>();
        var repeat = bench.World.Scheduler.Every(1_000, 250, () => at.Add(bench.Clock.UptimeMilliseconds));
        bench.Run(3_500);
        repeat.Dispose();
        bench.Run(3_000);
        Assert.Equal([250L, 1_250L, 2_250L, 3_250L], at);
        Assert.Empty(bench.World.Scheduler.Errors);
    }
}
