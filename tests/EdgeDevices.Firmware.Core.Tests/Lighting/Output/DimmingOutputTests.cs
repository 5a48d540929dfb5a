using EdgeDevices.Firmware.Lighting.Output;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Output;

public sealed class DimmingOutputTests
{
    [Theory]
    [InlineData(DimmingInterface.Pwm, 100, true, 100, 1000, 0)]
    [InlineData(DimmingInterface.Pwm, 50, true, 50, 500, 0)]
    [InlineData(DimmingInterface.Pwm, 10, true, 10, 100, 0)]
    [InlineData(DimmingInterface.Pwm, 9, false, 0, 0, 0)] // below the lamp's minimum: relay off
    [InlineData(DimmingInterface.Pwm, 0, false, 0, 0, 0)]
    [InlineData(DimmingInterface.ZeroToTenVolt, 70, true, 70, 700, 7000)]
    [InlineData(DimmingInterface.OneToTenVolt, 10, true, 10, 100, 1000)] // 1 V at the minimum
    [InlineData(DimmingInterface.OneToTenVolt, 100, true, 100, 1000, 10000)]
    [InlineData(DimmingInterface.OneToTenVolt, 55, true, 55, 550, 5500)]
    public void Levels_Map_To_Relay_And_Dim_Signal(DimmingInterface dimming, int level, bool relay, int physical, int duty, int millivolts)
    {
        var type = new LampType(80) { MinLevel = 10, Interface = dimming };
        var command = new OutputCommand();

        DimmingOutput.Compute(type, level, command);

        Assert.Equal((relay, physical, duty, millivolts), (command.RelayOn, command.PhysicalLevel, command.DutyPerMille, command.ControlMillivolts));
    }

    [Fact]
    public void Virtual_Full_Output_Scales_Every_Level()
    {
        var type = new LampType(80) { MinLevel = 10, VirtualFullLevel = 80 };
        var command = new OutputCommand();

        DimmingOutput.Compute(type, 100, command);
        Assert.Equal(80, command.PhysicalLevel);

        DimmingOutput.Compute(type, 12, command); // 12 % of 80 % is 9.6 %: under the minimum
        Assert.False(command.RelayOn);
    }

    [Fact]
    public void Expected_Power_Follows_The_Level_And_Inverts()
    {
        var type = new LampType(100) { MinLevel = 10, PowerAtMinLevelPercent = 14 };

        Assert.Equal(1000, type.ExpectedPowerDeciWatt(100));
        Assert.Equal(140, type.ExpectedPowerDeciWatt(10));
        Assert.Equal(0, type.ExpectedPowerDeciWatt(0));
        foreach (var level in new[] { 10, 30, 50, 75, 100 })
        {
            Assert.InRange(type.LevelForPower(type.ExpectedPowerDeciWatt(level)), level - 1, level + 1);
        }
    }
}
