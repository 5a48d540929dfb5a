using EdgeDevices.Firmware.Device.Network;

namespace EdgeDevices.Firmware.Device.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_up_to_the_cap_with_half_of_each_random()
    {
        var backoff = new ReconnectBackoff(2000, 300_000, new Random(7));
        var ceilings = new[] { 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000 };
        foreach (var ceiling in ceilings)
        {
            Assert.InRange(backoff.NextDelay(), ceiling / 2, ceiling);
        }

        Assert.Equal(10, backoff.Attempts);
        backoff.Reset();
        Assert.InRange(backoff.NextDelay(), 1000, 2000);
    }

    [Fact]
    public void Devices_that_failed_together_spread_out()
    {
        var delays = Enumerable.Range(0, 50).Select(seed =>
        {
            var backoff = new ReconnectBackoff(2000, 300_000, new Random(seed));
            for (var i = 0; i < 5; i++)
            {
                backoff.NextDelay();
            }

            return backoff.NextDelay();
        }).ToList();
        Assert.True(delays.Distinct().Count() > 40, "jitter spreads the retries");
    }
}
