using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Metering;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Firmware.Core.Tests.Metering;

public sealed class MeterChannelTests
{
    [Fact]
    public void Total_Is_The_Installation_Reading_Plus_Pulses_Over_The_Meter_Constant()
    {
        var settings = new MeterChannelSettings(MeterMedium.Electricity, 0, pulsesPerUnit: 800) { InitialTotalMilli = 12_345_678 };
        var channel = new MeterChannel(new EmulatedFlash(MeterChannel.StorageSize), 0, settings);

        channel.AddPulses(0, 801);

        var reading = channel.Report(new MeterReading());
        Assert.Equal(12_345_678 + 1001, reading.TotalMilli); // 801 pulses at 800/kWh = 1.00125 kWh, rounded down
        Assert.Equal((MeterMedium.Electricity, (byte)0), (reading.Medium, reading.Channel));
    }

    [Fact]
    public void The_Total_Is_Saved_Once_Per_Window_Of_Pulses_Not_On_Every_Pulse()
    {
        // Flash wears: a water meter pulsing all day must not write its total on every litre.
        var settings = new MeterChannelSettings(MeterMedium.Water, 0, pulsesPerUnit: 1000) { UnsavedPulseWindow = 25 };
        var flash = new EmulatedFlash(MeterChannel.StorageSize);
        var channel = new MeterChannel(flash, 0, settings);
        for (var i = 0; i < 24; i++)
        {
            channel.AddPulses(i * 1000, 1);
        }

        Assert.Equal(24, channel.UnsavedPulses);
        Assert.Equal(0, new MeterChannel(flash, 0, settings).Pulses);

        channel.AddPulses(24_000, 1);
        Assert.Equal(0, channel.UnsavedPulses);
        Assert.Equal(25, new MeterChannel(flash, 0, settings).Pulses);
    }

    [Fact]
    public void A_Count_Beyond_32_Bits_Survives_A_Restart()
    {
        // 10,000 pulses per kWh for 430 MWh: a feeder meter passes 2^32 pulses in its life.
        var settings = new MeterChannelSettings(MeterMedium.Electricity, 0, pulsesPerUnit: 10_000);
        var flash = new EmulatedFlash(MeterChannel.StorageSize);
        var channel = new MeterChannel(flash, 0, settings);
        channel.AddPulses(0, int.MaxValue);
        channel.AddPulses(1000, int.MaxValue);
        channel.AddPulses(2000, 7);
        channel.Report(new MeterReading());

        var expected = (2L * int.MaxValue) + 7;
        Assert.True(expected > uint.MaxValue);
        Assert.Equal(expected, new MeterChannel(flash, 0, settings).Pulses);
    }

    [Fact]
    public void A_Power_Cut_Loses_At_Most_The_Unsaved_Window_And_Never_Goes_Backwards()
    {
        var random = new Random(17);
        var settings = new MeterChannelSettings(MeterMedium.Water, 1, pulsesPerUnit: 1000) { UnsavedPulseWindow = 25 };
        var flash = new EmulatedFlash(MeterChannel.StorageSize);
        var channel = new MeterChannel(flash, 0, settings);
        long counted = 0;
        long lastReported = 0;
        for (var round = 0; round < 300; round++)
        {
            // Count a while, sometimes report, then lose power at a random point of the next flash write.
            var pulses = random.Next(1, 60);
            flash.CutPowerAfter(random.Next(0, 40));
            try
            {
                for (var i = 0; i < pulses; i++)
                {
                    channel.AddPulses(round * 1000 + i, 1);
                    counted++;
                }

                if (random.Next(3) == 0)
                {
                    lastReported = channel.Report(new MeterReading()).TotalMilli;
                }
            }
            catch (PowerLossException)
            {
            }

            flash.PowerOn();
            channel = new MeterChannel(flash, 0, settings);
            var recovered = channel.Pulses;

            Assert.True(recovered <= counted, "counted pulses that never came");
            Assert.True(counted - recovered <= settings.UnsavedPulseWindow, $"lost {counted - recovered} pulses");
            Assert.True(channel.TotalMilli >= lastReported, "total went backwards");
            counted = recovered;
        }
    }

    [Fact]
    public void Flow_Follows_The_Time_Between_Pulses_And_Falls_When_They_Stop()
    {
        // 1000 pulses per m³: a pulse is a litre, which is a thousandth of the unit.
        var settings = new MeterChannelSettings(MeterMedium.Water, 0, pulsesPerUnit: 1000);
        var channel = new MeterChannel(new EmulatedFlash(MeterChannel.StorageSize), 0, settings);
        for (var i = 0; i < 10; i++)
        {
            channel.AddPulses(i * 6000, 1); // one litre every 6 s: 600 L/h
        }

        Assert.Equal(600, channel.FlowMilliPerHour(54_000));
        Assert.Equal(60, channel.FlowMilliPerHour(54_000 + 60_000)); // a minute since the last litre
    }
}
