using EdgeDevices.Hardware.Emulation.Gpio;
using EdgeDevices.Hardware.Emulation.Parts.S0;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

public sealed class S0PulseSourceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_pulse_pulls_the_line_low_for_its_width_with_the_configured_bounce(int bounces)
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        bench.Board.Gpio.Open(32, GpioMode.InputPullUp);
        var s0 = new S0PulseSource(bench.Board, 32) { BounceTransitions = bounces };
        var levels = new List<(long At, bool Level)>();
        bench.Board.Gpio.Listen(32, bench.Board.Life, level => levels.Add((bench.Clock.UptimeMilliseconds, level)));

        s0.Emit(10, 100);
        bench.Run(1_100);

        Assert.Equal(10, s0.PulsesEmitted);
        // An odd bounce count needs one more transition at each end to settle where it should.
        Assert.Equal(10 * (2 + (2 * (bounces + (bounces % 2)))), levels.Count);
        Assert.True(bench.Board.Gpio.Level(32), "idle high between pulses");
        var firstFall = levels.First(l => !l.Level).At;
        var lastRise = levels.Where(l => l.At < firstFall + 100).Last(l => l.Level).At;
        Assert.InRange(lastRise - firstFall, 35, 36 + bounces);
    }

    [Fact]
    public void A_rate_emits_pulses_continuously_until_stopped()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var s0 = new S0PulseSource(bench.Board, 33);
        s0.SetRate(3600);
        bench.Run(60_000);
        Assert.InRange(s0.PulsesEmitted, 59, 61);
        s0.SetRate(0);
        var stopped = s0.PulsesEmitted;
        bench.Run(10_000);
        Assert.Equal(stopped, s0.PulsesEmitted);
    }
}
