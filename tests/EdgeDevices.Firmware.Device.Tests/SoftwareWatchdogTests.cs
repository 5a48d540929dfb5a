using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Tests;

public sealed class SoftwareWatchdogTests
{
    [Fact]
    public void Bites_once_when_a_watched_thread_stops_feeding_it()
    {
        var bites = new List<(string Name, int Seconds)>();
        var watchdog = new SoftwareWatchdog(new SystemClock(), 1, new Action(bites));
        var busy = watchdog.Register("busy");
        var stuck = watchdog.Register("stuck");
        watchdog.Start();
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until)
        {
            watchdog.Feed(busy);
            Thread.Sleep(50);
        }

        lock (bites)
        {
            var bite = Assert.Single(bites);
            Assert.Equal("stuck", bite.Name);
            Assert.InRange(bite.Seconds, 1, 2);
        }

        _ = stuck;
    }

    private sealed class Action(List<(string, int)> bites) : IWatchdogAction
    {
        public void Bite(string name, int stuckSeconds)
        {
            lock (bites)
            {
                bites.Add((name, stuckSeconds));
            }
        }
    }
}
