using EdgeDevices.Hardware.Emulation.Gpio;
using EdgeDevices.Hardware.Emulation.Parts.Luminaire;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

public sealed class LuminaireTests
{
    private const int Dim = 25;
    private const int Relay = 26;
    private const int Feedback = 27;
    private const int Cf = 34;

    [Fact]
    public void Power_follows_the_dim_signal_and_the_metering_pulses_integrate_it()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var lamp = new Luminaire(bench.Board, Dim, Relay, Feedback, Cf, 1346, 100);
        Assert.Equal(0, lamp.PowerWatts);

        Drive(bench, duty: 1.0);
        Assert.True(lamp.RelayClosed);
        Assert.Equal(100 + Luminaire.StandbyWatts, lamp.PowerWatts, 3);
        Assert.False(bench.Board.Gpio.Level(Feedback), "the auxiliary contact pulls the feedback low when closed");

        var before = lamp.PulsesUntil(bench.Clock.UptimeMilliseconds);
        bench.Run(60_000);
        var pulses = lamp.PulsesUntil(bench.Clock.UptimeMilliseconds) - before;
        Assert.InRange(pulses, (long)(100.6 / 1.346 * 60) - 1, (long)(100.6 / 1.346 * 60) + 1);

        Drive(bench, duty: 0.5);
        Assert.Equal(50, lamp.LightPercent, 3);
        Assert.Equal((100 * (0.045 + (0.955 * 0.5))) + Luminaire.StandbyWatts, lamp.PowerWatts, 3);
    }

    [Fact]
    public void Faults_show_in_light_power_and_relay()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var lamp = new Luminaire(bench.Board, Dim, Relay, Feedback, Cf, 1346, 100);
        Drive(bench, duty: 1.0);

        lamp.Fault = LuminaireFault.OpenLamp;
        Assert.Equal(0, lamp.LightPercent);
        Assert.InRange(lamp.PowerWatts, 1, 2);

        lamp.Fault = LuminaireFault.RelayStuckOpen;
        Assert.False(lamp.RelayClosed);
        Assert.Equal(0, lamp.PowerWatts);

        lamp.Fault = LuminaireFault.Cycling;
        var lit = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            bench.Run(lamp.CyclingPeriodSeconds * 1000);
            lit.Add(lamp.LightPercent > 0);
        }

        Assert.Equal([false, true, false, true], lit);

        lamp.Fault = LuminaireFault.RelayStuckClosed;
        bench.Board.Gpio.Write(Relay, false);
        Assert.True(lamp.RelayClosed);
    }

    [Fact]
    public void A_power_cut_opens_the_normally_open_relay()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var lamp = new Luminaire(bench.Board, Dim, Relay, Feedback, Cf, 1346, 100);
        Drive(bench, duty: 1.0);
        bench.Board.CutPower();
        Assert.False(lamp.RelayClosed);
        Assert.Equal(0, lamp.PowerWatts);
    }

    private static void Drive(Bench bench, double duty)
    {
        var board = bench.Board;
        if (!board.Gpio.IsOpen(Relay))
        {
            board.PinFunctions.Set(Dim, "PWM1");
            Assert.True(board.Pwm.TryOpen(Dim, 1000, duty));
            board.Pwm.Set(Dim, null, null, running: true);
            board.Gpio.Open(Relay, GpioMode.Output);
            board.Gpio.Open(Feedback, GpioMode.InputPullUp);
        }

        board.Pwm.Set(Dim, null, duty, null);
        board.Gpio.Write(Relay, true);
    }
}
