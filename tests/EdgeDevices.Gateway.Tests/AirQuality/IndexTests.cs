using EdgeDevices.Gateway.Tests.References;
using System.Globalization;
using EdgeDevices.Gateway.AirQuality;

namespace EdgeDevices.Gateway.Tests.AirQuality;

/// <summary>
/// The indices against references this project did not write (tests/reference-data/air-quality-indices): the
/// May 2024 EPA tables and published vectors, the EPA's NowCast example, the EEA bands of both editions,
/// Kazhydromet's levels and a bulletin's figure, WHO 2021.
/// </summary>
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

    [Fact]
    public void Us_aqi_matches_the_published_vectors_beyond_the_top_included()
    {
        foreach (var row in ReferenceCsv.Read("air-quality-indices/us-epa-aqi-2024.csv"))
        {
            var pollutant = PollutantOf(row["pollutant"]);
            var concentration = double.Parse(row["concentration"], CultureInfo.InvariantCulture);
            Assert.True(int.Parse(row["aqi"], CultureInfo.InvariantCulture) == UsAqi.SubIndex(pollutant, concentration), $"{row["pollutant"]} {concentration}: {row["source"]}");
        }
    }

    [Theory]
    [InlineData(330.0)]
    [InlineData(999.9)]
    [InlineData(5000)]
    public void Heavy_smog_is_never_understated_nor_missing(double pm25)
    {
        // Not capped at 500, never null: the hazardous band's slope goes on (TAD 2024 footnote 4).
        var aqi = UsAqi.SubIndex(Pollutant.Pm25, pm25)!.Value;
        Assert.True(aqi > 500);
        Assert.True(UsAqi.IsBeyondTheAqi(aqi));
        Assert.Equal("hazardous", UsAqi.Category(aqi));
        Assert.True(UsAqi.SubIndex(Pollutant.Pm25, pm25 + 50) > aqi);
    }

    [Fact]
    public void Pm10_far_above_604_still_gives_an_index_to_act_on()
    {
        var overall = UsAqi.Of([(Pollutant.Pm25, 80.0), (Pollutant.Pm10, 1500.0)]);
        Assert.Equal(Pollutant.Pm10, overall!.Value.Dominant);
        Assert.Equal(1496, overall.Value.Aqi); // (500 − 301) / (604 − 425) · (1500 − 425) + 301 = 1496.1
        Assert.Equal("hazardous", UsAqi.Category(overall.Value.Aqi));
    }

    [Theory]
    [InlineData(EuropeanAqiEdition.Eea2024, "2024")]
    [InlineData(EuropeanAqiEdition.Pre2024, "pre-2024")]
    public void European_bands_at_every_published_edge(EuropeanAqiEdition edition, string name)
    {
        var rows = ReferenceCsv.Read("air-quality-indices/eea-eaqi-bands.csv").Where(r => r["edition"] == name).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var pollutant = PollutantOf(row["pollutant"]);
            var limits = new[] { "good", "fair", "moderate", "poor", "very_poor" }.Select(k => double.Parse(row[k], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(0, EuropeanAqi.Band(edition, pollutant, 0));
            for (var band = 0; band < limits.Length; band++)
            {
                // A band's upper limit belongs to it; the next hundredth is the next band.
                Assert.Equal(band, EuropeanAqi.Band(edition, pollutant, limits[band]));
                Assert.Equal(band + 1, EuropeanAqi.Band(edition, pollutant, limits[band] + 0.01));
            }

            Assert.Equal(5, EuropeanAqi.Band(edition, pollutant, limits[^1] + 1000));
            Assert.Equal(row["averaging"].StartsWith("24h", StringComparison.Ordinal) ? 24 : 1, EuropeanAqi.AveragingHours(edition, pollutant));
        }
    }

    [Fact]
    public void The_2024_revision_tightens_the_clean_end_and_names_itself()
    {
        // 8 µg/m³ of PM2.5 was good before the revision and is fair now; 60 was very poor and is poor (hourly now).
        Assert.Equal("good", EuropeanAqi.Bands[EuropeanAqi.Band(EuropeanAqiEdition.Pre2024, Pollutant.Pm25, 8)!.Value]);
        Assert.Equal("fair", EuropeanAqi.Bands[EuropeanAqi.Band(EuropeanAqiEdition.Eea2024, Pollutant.Pm25, 8)!.Value]);
        Assert.Equal("veryPoor", EuropeanAqi.Bands[EuropeanAqi.Band(EuropeanAqiEdition.Pre2024, Pollutant.Pm25, 60)!.Value]);
        Assert.Equal("poor", EuropeanAqi.Bands[EuropeanAqi.Band(EuropeanAqiEdition.Eea2024, Pollutant.Pm25, 60)!.Value]);
        Assert.Contains("2024", EuropeanAqi.Name(EuropeanAqiEdition.Eea2024), StringComparison.Ordinal);
        Assert.Contains("pre-2024", EuropeanAqi.Name(EuropeanAqiEdition.Pre2024), StringComparison.Ordinal);
        Assert.Null(EuropeanAqi.Band(EuropeanAqiEdition.Eea2024, Pollutant.Co, 3));
    }

    [Fact]
    public void Kazakh_levels_follow_the_rd_table_and_take_the_higher_of_si_and_np()
    {
        var rows = ReferenceCsv.Read("air-quality-indices/kazhydromet.csv");
        foreach (var row in rows.Where(r => r["kind"] == "level"))
        {
            var level = Array.IndexOf(["I low", "II elevated", "III high", "IV very high"], row["name"]);
            var from = double.Parse(row["value_from"], CultureInfo.InvariantCulture);
            if (row["unit"] == "si")
            {
                // The printed whole-number range: its first value, and its last where it has one.
                Assert.Equal(level, KazhydrometIndex.LevelOfSi(level == 3 ? from + 0.1 : from));
                if (row["value_to"] is { Length: > 0 } to)
                {
                    Assert.Equal(level, KazhydrometIndex.LevelOfSi(double.Parse(to, CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                Assert.Equal(level, KazhydrometIndex.LevelOfNp(from));
                if (row["value_to"] is { Length: > 0 } to)
                {
                    Assert.Equal(level, KazhydrometIndex.LevelOfNp(double.Parse(to, CultureInfo.InvariantCulture)));
                }
            }
        }

        // Between the printed ranges the worse level counts.
        Assert.Equal(1, KazhydrometIndex.LevelOfSi(1.5));
        Assert.Equal(2, KazhydrometIndex.LevelOfSi(4.3));
        Assert.Equal(2, KazhydrometIndex.Level(si: 0.5, np: 25));
        Assert.Equal(3, KazhydrometIndex.Level(si: 12, np: 5));

        var mpc = rows.Single(r => r["kind"] == "mpc_single" && r["name"] == "pm25");
        Assert.Equal(double.Parse(mpc["value_from"], CultureInfo.InvariantCulture) * 1000, KazhydrometIndex.MaxSingleMpc(Pollutant.Pm25));
        Assert.Equal(300, KazhydrometIndex.MaxSingleMpc(Pollutant.Pm10));
    }

    [Fact]
    public void Kazakh_si_and_np_from_twenty_minute_singles_match_the_bulletin()
    {
        // Kazhydromet's daily bulletin (Kostanay, 10.10.2022): 133 µg/m³ of PM2.5 is 0.8 of the ПДК м.р.
        var bulletin = ReferenceCsv.Read("air-quality-indices/kazhydromet.csv").Single(r => r["kind"] == "bulletin");
        var day = new DateTimeOffset(2022, 10, 10, 0, 0, 0, TimeSpan.FromHours(5));
        var samples = Enumerable.Range(0, 72).Select(i => (day.AddMinutes(20 * i), Pollutant.Pm25, i == 30 ? double.Parse(bulletin["value_from"], CultureInfo.InvariantCulture) : 40.0)).ToList();
        var clean = KazhydrometIndex.Assess(samples)!;
        Assert.Equal(double.Parse(bulletin["value_to"], CultureInfo.InvariantCulture), Math.Round(clean.Si, 1));
        Assert.Equal(0, clean.Np);
        Assert.Equal("low", clean.Level);
        Assert.Equal(72, clean.SingleConcentrations);

        // Almaty's winter inversion: every third 20-minute mean at 400 µg/m³ of PM2.5, PM10 at 350 throughout.
        var smog = Enumerable.Range(0, 72).SelectMany(i => new[]
        {
            (day.AddMinutes(20 * i), Pollutant.Pm25, i % 3 == 0 ? 400.0 : 120.0),
            (day.AddMinutes(20 * i), Pollutant.Pm10, 350.0),
        }).ToList();
        var assessed = KazhydrometIndex.Assess(smog)!;
        Assert.Equal(2.5, assessed.Si); // 400 / 160
        Assert.Equal("pm25", assessed.SiPollutant);
        Assert.Equal(100, assessed.Np); // every PM10 single above 300
        Assert.Equal("pm10", assessed.NpPollutant);
        Assert.Equal("veryHigh", assessed.Level);

        // Minute readings are averaged into singles first: one minute at 200 in a 20-minute mean of 100 is not an exceedance.
        var minutes = Enumerable.Range(0, 20).Select(m => (day.AddMinutes(m), Pollutant.Pm25, m == 5 ? 200.0 : 95.0)).ToList();
        var single = KazhydrometIndex.Assess(minutes)!;
        Assert.Equal(1, single.SingleConcentrations);
        Assert.Equal(0, single.Np);
    }

    private static Pollutant PollutantOf(string name) => name switch
    {
        "pm25" => Pollutant.Pm25,
        "pm10" => Pollutant.Pm10,
        "o3" => Pollutant.O3,
        "no2" => Pollutant.No2,
        "so2" => Pollutant.So2,
        "co" => Pollutant.Co,
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void Who_2021_daily_levels()
    {
        Assert.True(WhoGuidelines.Exceeds(Pollutant.Pm25, 15.1));
        Assert.False(WhoGuidelines.Exceeds(Pollutant.Pm25, 15.0));
        Assert.True(WhoGuidelines.Exceeds(Pollutant.Pm10, 46));
        Assert.False(WhoGuidelines.Exceeds(Pollutant.Co, 1000));
    }

    public static TheoryData<double, double, double, double> HumidityCorrections()
    {
        var data = new TheoryData<double, double, double, double>();
        foreach (var row in ReferenceCsv.Read("air-quality-indices/pm25-humidity-correction.csv").Where(r => r["correction"] == "epa-fasm-cf_atm"))
        {
            data.Add(D(row["pm_ugm3"]), D(row["rh_pct"]), D(row["expected_ugm3"]), D(row["tolerance"]));
        }

        return data;
    }

    // The EPA's correction of PMS5003 CF=ATM PM2.5, as the Fire and Smoke Map runs it, piece by piece.
    [Theory]
    [MemberData(nameof(HumidityCorrections))]
    public void The_humidity_correction_of_atmospheric_pm25_follows_the_epa_fire_and_smoke_map(double atm, double rh, double expected, double tolerance) =>
        Assert.InRange(HumidityCorrection.EpaPm25(atm, rh), expected - tolerance, expected + tolerance);

    [Fact]
    public void In_its_linear_piece_the_atmospheric_correction_is_barkjohns_on_the_cf1_value_it_stands_for()
    {
        // Plantower's CF=ATM is two thirds of CF=1 above about 78 µg/m³ (Wallace), and the map's 0.786 is 1.5 × Barkjohn's
        // 0.524: CF=1 100 at 30 % RH, which another implementation's test puts at 55.564 (jpettitt/purpleair-local), is CF=ATM 66.7.
        var barkjohn = ReferenceCsv.Read("air-quality-indices/pm25-humidity-correction.csv").Single(r => r["correction"] == "barkjohn-2021-cf_1" && r["pm_ugm3"] == "100");
        Assert.Equal(D(barkjohn["expected_ugm3"]), HumidityCorrection.EpaPm25(D(barkjohn["pm_ugm3"]) * 2 / 3, D(barkjohn["rh_pct"])), 3);

        // The project's earlier formula put CF=ATM 100 at 50 % RH at 53.84; the EPA's is 80.04.
        var superseded = ReferenceCsv.Read("air-quality-indices/pm25-humidity-correction-superseded.csv").Single(r => r["correction"] == "project-today-on-atm");
        Assert.Equal(53.84, D(superseded["expected_ugm3"]));
        Assert.Equal(80.04, HumidityCorrection.EpaPm25(100, 50), 3);
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
