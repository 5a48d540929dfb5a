using EdgeDevices.Firmware.AirQuality.Sampling;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.AirQuality;

public sealed class AirQualitySamplerTests
{
    [Fact]
    public void Warm_Up_Samples_Are_Ignored_And_The_Extremes_Dropped()
    {
        var sampler = new AirQualitySampler(samplesPerCycle: 5, warmUpSeconds: 30);
        sampler.Start(0);

        Assert.False(sampler.AddParticles(10_000, 999, 999, 999)); // fan still spinning up
        long t = 30_000;
        foreach (var pm25 in new[] { 12, 10, 80, 11, 9 }) // one spike
        {
            Assert.True(sampler.AddParticles(t, pm25 - 2, pm25, pm25 + 3));
            sampler.AddClimate(-1520, 4500, 101320);
            t += 1000;
        }

        Assert.True(sampler.IsComplete);
        Assert.False(sampler.AddParticles(t, 1, 1, 1));
        var reading = sampler.Complete(new AirQualityReading());

        Assert.Equal(11, reading.Pm25); // (10 + 11 + 12) / 3
        Assert.Equal(9, reading.Pm1);
        Assert.Equal(14, reading.Pm10);
        Assert.Equal(80, sampler.RawPm25(2)); // the raw samples stay available
        Assert.Equal(AirQualityFlags.None, reading.Flags);
        Assert.Equal(-1520, reading.TemperatureCentiCelsius);
    }

    [Fact]
    public void Damp_Air_And_A_Short_Cycle_Are_Flagged()
    {
        var sampler = new AirQualitySampler(5, 0);
        sampler.Start(0);
        sampler.AddParticles(0, 20, 30, 40);
        sampler.AddParticles(1, 20, 30, 40);
        sampler.AddClimate(150, 8350, 100500);

        var reading = sampler.Complete(new AirQualityReading());

        Assert.Equal(AirQualityFlags.HumidityHigh | AirQualityFlags.Degraded, reading.Flags);
        Assert.Equal(30, reading.Pm25); // two samples: plain mean
    }

    [Fact]
    public void A_Node_Without_A_Particle_Sensor_Reports_Climate_Only()
    {
        var sampler = new AirQualitySampler(3, 0);
        sampler.Start(0);
        sampler.AddClimate(2150, 4500, 101325);

        var reading = sampler.Complete(new AirQualityReading());

        Assert.Equal(AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure, reading.Fields);
    }

    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 7 }, 7)]
    [InlineData(new[] { 7, 8 }, 8)]
    [InlineData(new[] { 1, 100, 50 }, 50)]
    [InlineData(new[] { 5, 5, 5, 5 }, 5)]
    [InlineData(new[] { -1519, -1520, -1521, -1522 }, -1521)]
    [InlineData(new[] { -3, -4 }, -4)]
    public void Trimmed_Mean(int[] values, int expected)
    {
        Assert.Equal(expected, TrimmedMean.Of(values, values.Length));
    }
}
