using System.Globalization;
using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Testing;

namespace EdgeDevices.Firmware.Core.Tests.AirQuality;

/// <summary>
/// The PMS5003 parser against frames other people captured or wrote down, with the values they state
/// (tests/reference-data/pms5003): above about 30 µg/m³ the CF=1 and atmospheric words differ, and the
/// reading must carry the atmospheric ones, which is what the humidity correction and every index assume.
/// </summary>
public sealed class Pms5003ReferenceTests
{
    public static TheoryData<string> Frames() => [.. ReferenceCsv.Read("pms5003/frames.csv").Select(r => r["hex"])];

    public static TheoryData<string> Rejected() => [.. ReferenceCsv.Read("pms5003/rejected-frames.csv").Select(r => r["hex"])];

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_published_frame_decodes_to_its_stated_values(string hex)
    {
        var row = ReferenceCsv.Read("pms5003/frames.csv").Single(r => r["hex"] == hex);
        var parser = new Pms5003Parser();
        Assert.Equal(1, Bytes(hex).Count(parser.Push));
        var f = parser.Frame;
        Assert.Equal(
            [I(row, "pm1_cf1"), I(row, "pm25_cf1"), I(row, "pm10_cf1"), I(row, "pm1_atm"), I(row, "pm25_atm"), I(row, "pm10_atm"), I(row, "n03"), I(row, "n05"), I(row, "n10"), I(row, "n25"), I(row, "n50"), I(row, "n100")],
            new int[] { f.Pm1Factory, f.Pm25Factory, f.Pm10Factory, f.Pm1, f.Pm25, f.Pm10, f.Count03, f.Count05, f.Count10, f.Count25, f.Count50, f.Count100 });
    }

    [Fact]
    public void Where_the_words_differ_the_reading_carries_the_atmospheric_ones()
    {
        var differing = ReferenceCsv.Read("pms5003/frames.csv").Where(r => r["pm25_cf1"] != r["pm25_atm"]).ToList();
        Assert.True(differing.Count >= 3, "the reference holds frames whose CF=1 and atmospheric PM2.5 differ");
        foreach (var row in differing)
        {
            var parser = new Pms5003Parser();
            Bytes(row["hex"]).Count(parser.Push);
            Assert.Equal(I(row, "pm25_atm"), parser.Frame.Pm25);
            Assert.NotEqual(I(row, "pm25_cf1"), parser.Frame.Pm25);
        }
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_frame_with_a_bad_checksum_or_header_is_dropped(string hex)
    {
        var parser = new Pms5003Parser();
        Assert.Equal(0, Bytes(hex).Count(parser.Push));
    }

    private static int I(IReadOnlyDictionary<string, string> row, string column) => int.Parse(row[column], CultureInfo.InvariantCulture);

    private static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));
}
