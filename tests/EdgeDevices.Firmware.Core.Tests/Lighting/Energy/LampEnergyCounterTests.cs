using EdgeDevices.Firmware.Lighting.Energy;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Energy;

public sealed class LampEnergyCounterTests
{
    [Fact]
    public void A_Night_At_Mixed_Levels_Adds_Up()
    {
        var counter = new LampEnergyCounter(new EmulatedFlash(LampEnergyCounter.StorageSize), 0);

        // 4 h at 80 W, 2 h at 40 W, then off: 400 Wh, 6 h burning, one switch-on.
        long now = 0;
        for (var s = 0; s < 4 * 3600; s++, now += 1000)
        {
            counter.Sample(now, relayOn: true, hasPower: true, powerDeciWatt: 800);
        }

        for (var s = 0; s < 2 * 3600; s++, now += 1000)
        {
            counter.Sample(now, relayOn: true, hasPower: true, powerDeciWatt: 400);
        }

        counter.Sample(now, relayOn: false, hasPower: true, powerDeciWatt: 0);
        var report = counter.Report(new LampEnergy());

        Assert.Equal(400u, report.EnergyWattHours);
        Assert.Equal(360u, report.BurnMinutes);
        Assert.Equal(1u, report.SwitchOnCount);
    }

    [Fact]
    public void Reported_Counters_Survive_A_Power_Cut_And_Never_Go_Back()
    {
        var flash = new EmulatedFlash(LampEnergyCounter.StorageSize);
        var counter = new LampEnergyCounter(flash, 0) { SaveIntervalSeconds = 600 };
        long now = 0;
        for (var s = 0; s <= 3600; s++, now += 1000)
        {
            counter.Sample(now, true, true, 1000); // 100 W for an hour
        }

        var reported = counter.Report(new LampEnergy());
        for (var s = 0; s < 300; s++, now += 1000)
        {
            counter.Sample(now, true, true, 1000); // five unsaved minutes
        }

        flash.CutPowerAfter(0);
        var restarted = new LampEnergyCounter(RestoreAfterCut(flash), 0);

        var after = restarted.Report(new LampEnergy());
        Assert.True(after.EnergyWattHours >= reported.EnergyWattHours);
        Assert.True(after.BurnMinutes >= reported.BurnMinutes);
        Assert.Equal(100u, after.EnergyWattHours);
        Assert.Equal(1u, after.SwitchOnCount);
    }

    [Fact]
    public void Time_Without_A_Power_Reading_Counts_As_Burning_But_Adds_No_Energy()
    {
        var counter = new LampEnergyCounter(new EmulatedFlash(LampEnergyCounter.StorageSize), 0);

        for (long t = 0; t <= 3_600_000; t += 1000)
        {
            counter.Sample(t, relayOn: true, hasPower: false, powerDeciWatt: 0);
        }

        var report = counter.Report(new LampEnergy());
        Assert.Equal(0u, report.EnergyWattHours);
        Assert.Equal(60u, report.BurnMinutes);
    }

    private static EmulatedFlash RestoreAfterCut(EmulatedFlash flash)
    {
        flash.PowerOn();
        return flash;
    }
}
