using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Metering;

namespace EdgeDevices.Firmware.Core.Tests.Metering;

public sealed class LeakAndTamperTests
{
    // 1000 pulses per m³ (a litre each, a thousandth of the unit); a DN15 meter's maximum is 3 m³/h.
    private static readonly MeterChannelSettings Water = new(MeterMedium.Water, 0, 1000) { MaxFlowMilliPerHour = 3000 };

    [Fact]
    public void Continuous_Night_Flow_Raises_A_Leak_And_A_Still_Night_Clears_It()
    {
        var detector = new NightFlowDetector(Water, utcOffsetMinutes: 300);

        // Night of 23-24 Nov (Astana): a dripping cistern, a litre every 4 minutes from 01:00 to 06:00.
        for (var local = Local(24, 1, 0); local < Local(24, 6, 0); local += 240)
        {
            detector.OnFlow(local, 1);
        }

        detector.Evaluate(Local(24, 4, 59));
        Assert.False(detector.Leak); // the window has not ended
        detector.Evaluate(Local(24, 5, 1));
        Assert.True(detector.Raised);
        Assert.True(detector.Leak);
        Assert.Equal(15, detector.NightFlowMilliPerHour); // 15 L/h
        detector.Evaluate(Local(24, 12, 0));
        Assert.False(detector.Raised); // judged once

        // Next night: ordinary use at 02:10 and 04:40 only.
        detector.OnFlow(Local(25, 2, 10), 8);
        detector.OnFlow(Local(25, 4, 40), 3);
        detector.Evaluate(Local(25, 5, 30));
        Assert.True(detector.Cleared);
        Assert.False(detector.Leak);
    }

    [Fact]
    public void A_Normal_Night_Raises_Nothing()
    {
        var detector = new NightFlowDetector(Water, 300);
        detector.OnFlow(Local(24, 3, 5), 6); // a toilet flush

        detector.Evaluate(Local(24, 6, 0));

        Assert.False(detector.Leak);
        Assert.False(detector.Raised);
    }

    [Fact]
    public void A_Magnet_Or_Impossibly_Fast_Pulses_Are_Tamper()
    {
        var tamper = new TamperDetector(Water);

        tamper.Update(0, magnetPresent: true);
        tamper.Update(1000, true);
        Assert.False(tamper.Tampered);
        tamper.Update(2500, true);
        Assert.True(tamper.Raised);
        tamper.Update(3000, false);
        tamper.Update(300_000, false);
        Assert.False(tamper.Cleared);
        tamper.Update(302_500, false);
        Assert.True(tamper.Cleared);

        // 3 m³/h is at most a pulse every 1.2 s; a line driven at 10 pulses per second is not the meter.
        long t = 400_000;
        for (var i = 0; i < 10; i++)
        {
            tamper.OnPulse(t += 100);
        }

        tamper.Update(t, false);
        Assert.True(tamper.Raised);
    }

    [Fact]
    public void A_Short_Burst_Of_Fast_Pulses_Is_Not_Tamper_Nor_Are_Fast_Pulses_On_A_Meter_With_No_Maximum_Flow()
    {
        // Five pulses 100 ms apart (a burst of interference): four fast intervals, fewer than the five in a row it
        // takes; then normal flow.
        var tamper = new TamperDetector(Water);
        long t = 0;
        for (var i = 0; i < 5; i++)
        {
            tamper.OnPulse(t += 100);
        }

        for (var i = 0; i < 20; i++)
        {
            tamper.OnPulse(t += 2000);
            tamper.Update(t, false);
        }

        Assert.False(tamper.Tampered);

        // Pulses exactly at the maximum flow (one each 1.2 s) are still the meter.
        for (var i = 0; i < 20; i++)
        {
            tamper.OnPulse(t += 1200);
        }

        tamper.Update(t, false);
        Assert.False(tamper.Tampered);

        // With no maximum flow configured, no pace of pulses is judged.
        var unlimited = new TamperDetector(new MeterChannelSettings(MeterMedium.Water, 0, 1000));
        for (var i = 0; i < 20; i++)
        {
            unlimited.OnPulse(t += 10);
        }

        unlimited.Update(t, false);
        Assert.False(unlimited.Tampered);
    }

    [Fact]
    public void Fast_But_Plausible_Flow_Is_Not_Tamper()
    {
        var tamper = new TamperDetector(Water);
        long t = 0;
        for (var i = 0; i < 100; i++)
        {
            tamper.OnPulse(t += 1300); // 2.8 m³/h
            tamper.Update(t, false);
        }

        Assert.False(tamper.Tampered);
    }

    private static long Local(int day, int hour, int minute) =>
        new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(5)).ToUnixTimeSeconds();
}
