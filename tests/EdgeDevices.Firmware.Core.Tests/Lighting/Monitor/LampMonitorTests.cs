using EdgeDevices.Firmware.Lighting.Monitor;
using EdgeDevices.Firmware.Lighting.Output;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Monitor;

/// <summary>Every lamp fault is raised once after its detection time and cleared once after its clearing time.</summary>
public sealed class LampMonitorTests
{
    private readonly LampType _type = new(80) { MinLevel = 10, WarmUpSeconds = 30 };
    private readonly LampMonitor _monitor;
    private readonly List<string> _events = [];
    private long _now;

    public LampMonitorTests() => _monitor = new LampMonitor(_type, new LampMonitorSettings());

    [Fact]
    public void A_Dark_Lamp_Is_A_Lamp_Failure_After_Warm_Up_And_Clears_When_It_Lights()
    {
        Run(seconds: 25, level: 100, watts: 0);   // warming up: no judgement
        Assert.Empty(_events);

        Run(seconds: 70, level: 100, watts: 0);   // switch-on at the first sample, 30 s warm-up, then 60 s of darkness
        Assert.Equal(["+LampFailure"], _events);

        Run(seconds: 110, level: 100, watts: 80); // working again, not yet long enough
        Assert.Equal(LampFaults.LampFailure, _monitor.Active);

        Run(seconds: 15, level: 100, watts: 80);
        Assert.Equal(["+LampFailure", "-LampFailure"], _events);
        Assert.Equal(LampFaults.None, _monitor.Active);
    }

    [Fact]
    public void Darkness_During_Warm_Up_Does_Not_Count_Towards_A_Lamp_Failure()
    {
        // Dark for 85 s from switch-on: longer than the 60 s detection time, but only 55 s of it after the 30 s
        // warm-up (a discharge lamp striking, a driver starting). Judged from switch-on, it would be a failure.
        Run(seconds: 85, level: 100, watts: 0);
        Run(seconds: 200, level: 100, watts: 80);
        Assert.Empty(_events);

        // The same darkness a warm lamp shows is one.
        Run(seconds: 85, level: 100, watts: 0);
        Assert.Equal(["+LampFailure"], _events);
    }

    [Fact]
    public void A_Lamp_Stuck_At_Full_When_Dimmed_Is_A_Dimming_Failure()
    {
        Run(seconds: 60, level: 100, watts: 80);
        Run(seconds: 80, level: 40, watts: 80);
        Assert.Equal(["+DimmingFailure"], _events);

        Run(seconds: 130, level: 40, watts: Expected(40));
        Assert.Equal(["+DimmingFailure", "-DimmingFailure"], _events);
    }

    [Fact]
    public void Power_Too_High_And_Too_Low()
    {
        Run(seconds: 100, level: 100, watts: 94); // +17.5 %: over the 15 % tolerance, within the dimming tolerance
        Assert.Equal(["+PowerTooHigh"], _events);

        Run(seconds: 130, level: 100, watts: 80);
        Run(seconds: 100, level: 100, watts: 66); // -17.5 %
        Assert.Equal(["+PowerTooHigh", "-PowerTooHigh", "+PowerTooLow"], _events);

        Run(seconds: 130, level: 100, watts: 80);
        Assert.Equal(["+PowerTooHigh", "-PowerTooHigh", "+PowerTooLow", "-PowerTooLow"], _events);
    }

    [Fact]
    public void A_Lamp_That_Keeps_Going_Out_Is_Cycling()
    {
        Run(seconds: 40, level: 100, watts: 80);
        for (var i = 0; i < 3; i++)
        {
            Run(seconds: 40, level: 100, watts: 0);
            Run(seconds: 40, level: 100, watts: 80);
        }

        Assert.Contains("+CyclingFailure", _events);
        Assert.DoesNotContain("+LampFailure", _events); // never dark for a whole detection window

        Run(seconds: 900, level: 100, watts: 80);
        Assert.Equal(["+CyclingFailure", "-CyclingFailure"], _events);
    }

    [Fact]
    public void A_Lamp_Lit_When_Commanded_Off_Is_Unexpectedly_On()
    {
        Run(seconds: 70, level: 0, watts: 45);
        Assert.Equal(["+UnexpectedOn"], _events);

        Run(seconds: 130, level: 0, watts: 1); // standby draw is fine
        Assert.Equal(["+UnexpectedOn", "-UnexpectedOn"], _events);
    }

    [Fact]
    public void A_Relay_That_Does_Not_Follow_Is_A_Relay_Failure_Within_Seconds()
    {
        Run(seconds: 3, level: 100, watts: 80, relayFeedback: false);
        Assert.Equal(["+RelayFailure"], _events);

        Run(seconds: 125, level: 100, watts: 80, relayFeedback: true);
        Assert.Equal(["+RelayFailure", "-RelayFailure"], _events);
    }

    [Fact]
    public void A_Silent_Metering_Input_Is_A_Metering_Failure_And_Blocks_Power_Judgement()
    {
        Run(seconds: 100, level: 100, watts: null);
        Assert.Equal(["+MeteringFailure"], _events);

        Run(seconds: 130, level: 100, watts: 80);
        Assert.Equal(["+MeteringFailure", "-MeteringFailure"], _events);
    }

    [Fact]
    public void A_Failure_Seen_At_Night_Stays_Through_The_Day_Until_Seen_Working()
    {
        Run(seconds: 100, level: 100, watts: 0);
        Run(seconds: 12 * 3600, level: 0, watts: 0); // daytime: cannot judge a lamp that is off
        Assert.Equal(LampFaults.LampFailure, _monitor.Active);

        Run(seconds: 200, level: 100, watts: 80); // next evening it works
        Assert.Equal(["+LampFailure", "-LampFailure"], _events);
    }

    [Fact]
    public void A_Flickering_Condition_Shorter_Than_The_Detection_Time_Raises_Nothing()
    {
        Run(seconds: 40, level: 100, watts: 80);
        for (var i = 0; i < 20; i++)
        {
            Run(seconds: 50, level: 100, watts: 96);
            Run(seconds: 50, level: 100, watts: 80);
        }

        Assert.Empty(_events);
    }

    [Fact]
    public void Settling_After_A_Level_Change_Is_Not_Judged()
    {
        Run(seconds: 60, level: 100, watts: 80);
        Run(seconds: 8, level: 30, watts: 80); // the driver has not followed yet
        Run(seconds: 200, level: 30, watts: Expected(30));

        Assert.Empty(_events);
    }

    [Fact]
    public void The_Settling_Time_After_A_Level_Change_Does_Not_Count_Towards_A_Dimming_Failure()
    {
        // Stuck at full for 65 s after the change to 30 %: past the 60 s detection time, but only 55 s of it after
        // the 10 s the driver is given to follow. Judged from the change, it would be a failure.
        Run(seconds: 60, level: 100, watts: 80);
        Run(seconds: 65, level: 30, watts: 80);
        Run(seconds: 200, level: 30, watts: Expected(30));
        Assert.Empty(_events);

        Run(seconds: 60, level: 100, watts: 80);
        Run(seconds: 75, level: 30, watts: 80);
        Assert.Equal(["+DimmingFailure"], _events);
    }

    private int Expected(int level) => _type.ExpectedPowerDeciWatt(level) / 10;

    // Feeds one sample per second; watts null = no reading; relayFeedback null = no feedback contact.
    private void Run(int seconds, int level, int? watts, bool? relayFeedback = null)
    {
        var command = new OutputCommand();
        DimmingOutput.Compute(_type, level, command);
        var sample = new LampSample
        {
            HasPower = watts.HasValue,
            PowerDeciWatt = (watts ?? 0) * 10,
            HasRelayFeedback = relayFeedback.HasValue,
            RelayClosed = relayFeedback ?? false,
        };
        for (var i = 0; i < seconds; i++)
        {
            _now += 1000;
            _monitor.Update(_now, command, sample);
            foreach (var fault in Enum.GetValues<LampFaults>().Where(f => f != LampFaults.None))
            {
                if ((_monitor.Raised & fault) != 0)
                {
                    _events.Add("+" + fault);
                }

                if ((_monitor.Cleared & fault) != 0)
                {
                    _events.Add("-" + fault);
                }
            }
        }
    }
}
