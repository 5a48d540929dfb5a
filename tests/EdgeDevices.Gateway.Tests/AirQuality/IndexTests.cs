using EdgeDevices.Gateway.AirQuality;

namespace EdgeDevices.Gateway.Tests.AirQuality;

/// <summary>The indices against the May 2024 EPA tables, the EPA's NowCast example, the EEA bands and WHO 2021.</summary>
public sealed class IndexTests
{
    // Both ends of every band (EPA-454/B-24-002 Table 6), including the 2024 PM2.5 "good" limit of 9.0.
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(9.0, 50)]
    [InlineData(9.1, 51)]
    [InlineData(35.4, 100)]
    [InlineData(35.5, 101)]
    [InlineData(55.4, 150)]
    [InlineData(55.5, 151)]
    [InlineData(125.4, 200)]
    [InlineData(125.5, 201)]
    [InlineData(225.4, 300)]
    [InlineData(225.5, 301)]
    [InlineData(325.4, 500)]
    [InlineData(12.0, 56)] // "good" under the pre-2024 table, moderate now
    [InlineData(35.49, 100)] // truncated to 35.4 before the table is read
    public void Pm25_band_edges(double concentration, int aqi) => Assert.Equal(aqi, UsAqi.SubIndex(Pollutant.Pm25, concentration));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(54, 50)]
    [InlineData(55, 51)]
    [InlineData(154, 100)]
    [InlineData(155, 101)]
    [InlineData(254, 150)]
    [InlineData(255, 151)]
    [InlineData(354, 200)]
    [InlineData(355, 201)]
    [InlineData(424, 300)]
    [InlineData(425, 301)]
    [InlineData(604, 500)]
    [InlineData(54.9, 50)] // truncated to 54
    public void Pm10_band_edges(double concentration, int aqi) => Assert.Equal(aqi, UsAqi.SubIndex(Pollutant.Pm10, concentration));

    [Fact]
    public void Gases_beyond_pm_and_the_overall_index()
    {
        Assert.Equal(100, UsAqi.SubIndex(Pollutant.No2, 100));
        Assert.Equal(51, UsAqi.SubIndex(Pollutant.O3, 55));
        Assert.Equal(50, UsAqi.SubIndex(Pollutant.Co, 4.4));
        Assert.Equal(101, UsAqi.SubIndex(Pollutant.So2, 76));
        Assert.Null(UsAqi.SubIndex(Pollutant.So2, 305)); // the 24-hour table's business, not the 1-hour one's
        Assert.Null(UsAqi.SubIndex(Pollutant.Pm25, -1));

        var overall = UsAqi.Of([(Pollutant.Pm25, 40.0), (Pollutant.Pm10, 60.0), (Pollutant.No2, 20.0)]);
        Assert.Equal((112, Pollutant.Pm25), overall);
        Assert.Equal("unhealthyForSensitiveGroups", UsAqi.Category(112));
        Assert.Equal("good", UsAqi.Category(50));
        Assert.Equal("hazardous", UsAqi.Category(301));
    }

    [Fact]
    public void NowCast_matches_the_epa_worked_example()
    {
        // EPA's "Computing the NowCast" example, oldest to newest: 50 80 75 90 82 53 64 74 21 10 16 13 µg/m³.
        // Range 80, scaled rate 80/90, weight 0.11 → 0.5; NowCast 17.4 µg/m³.
        double?[] oldestFirst = [50, 80, 75, 90, 82, 53, 64, 74, 21, 10, 16, 13];
        var nowCast = NowCast.Compute(Pollutant.Pm25, [.. oldestFirst.Reverse()]);
        Assert.Equal(17.4, nowCast);
        // (100 − 51) / (35.4 − 9.1) · (17.4 − 9.1) + 51 = 66.46 under the 2024 table.
        Assert.Equal(66, UsAqi.SubIndex(Pollutant.Pm25, nowCast!.Value));
    }

    [Fact]
    public void NowCast_of_steady_air_is_the_plain_mean_and_needs_two_of_the_last_three_hours()
    {
        Assert.Equal(20.0, NowCast.Compute(Pollutant.Pm25, Enumerable.Repeat<double?>(20, 12).ToList()));
        Assert.Null(NowCast.Compute(Pollutant.Pm25, [null, null, 30, 30, 30]));
        Assert.NotNull(NowCast.Compute(Pollutant.Pm25, [30, null, 30]));
        Assert.Equal(42.0, NowCast.Compute(Pollutant.Pm10, [42.9, 42.9]));
    }

    [Theory]
    [InlineData(Pollutant.Pm25, 10.0, "good")]
    [InlineData(Pollutant.Pm25, 10.1, "fair")]
    [InlineData(Pollutant.Pm25, 25.0, "moderate")]
    [InlineData(Pollutant.Pm25, 60.0, "veryPoor")]
    [InlineData(Pollutant.Pm25, 80.0, "extremelyPoor")]
    [InlineData(Pollutant.Pm10, 45.0, "moderate")]
    [InlineData(Pollutant.Pm10, 55.0, "poor")]
    [InlineData(Pollutant.No2, 95.0, "moderate")]
    [InlineData(Pollutant.No2, 125.0, "poor")]
    public void European_bands(Pollutant pollutant, double concentration, string band) =>
        Assert.Equal(band, EuropeanAqi.Bands[EuropeanAqi.Band(pollutant, concentration)!.Value]);

    [Fact]
    public void Who_2021_daily_levels_and_the_humidity_correction()
    {
        Assert.True(WhoGuidelines.Exceeds(Pollutant.Pm25, 15.1));
        Assert.False(WhoGuidelines.Exceeds(Pollutant.Pm25, 15.0));
        Assert.True(WhoGuidelines.Exceeds(Pollutant.Pm10, 46));
        Assert.False(WhoGuidelines.Exceeds(Pollutant.Co, 1000));

        // 0.524 · 30 − 0.0862 · 50 + 5.75 = 17.16
        Assert.Equal(17.16, HumidityCorrection.EpaPm25(30, 50), 2);
        Assert.Equal(0, HumidityCorrection.EpaPm25(0, 95));
    }
}
