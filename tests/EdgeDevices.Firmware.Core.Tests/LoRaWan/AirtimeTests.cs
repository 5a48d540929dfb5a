using EdgeDevices.Firmware.LoRaWan;

namespace EdgeDevices.Firmware.Core.Tests.LoRaWan;

public sealed class AirtimeTests
{
    // The airtime table of the reference notes (Semtech formula, CR 4/5, 8-symbol preamble, CRC on, LDRO at SF11/12).
    [Theory]
    [InlineData(11, 7, 62)]
    [InlineData(11, 8, 113)]
    [InlineData(11, 9, 206)]
    [InlineData(11, 10, 371)]
    [InlineData(11, 11, 823)]
    [InlineData(11, 12, 1483)]
    [InlineData(20, 7, 72)]
    [InlineData(20, 12, 1810)]
    [InlineData(51, 7, 118)]
    [InlineData(51, 9, 390)]
    [InlineData(51, 12, 2794)]
    public void Airtime_matches_the_semtech_formula(int payload, int sf, int expectedMs) =>
        Assert.InRange(LoRaAirtime.Milliseconds(payload, sf, 125), expectedMs - 1, expectedMs + 1);

    [Fact]
    public void Regions_give_the_payload_room_of_each_data_rate()
    {
        var in865 = LoRaRegion.ForName("IN865")!;
        Assert.Equal(0, in865.DefaultDataRate);
        Assert.Equal([51, 51, 51, 115, 242, 242], Enumerable.Range(0, 6).Select(in865.MaxPayload));
        Assert.Equal(12, in865.SpreadingFactor(0));
        Assert.Equal(7, in865.SpreadingFactor(5));
        Assert.Equal(LoRaRegion.Fsk, in865.SpreadingFactor(7));
        Assert.Equal(10, in865.DutyCyclePermille);

        var as923 = LoRaRegion.ForName("AS923")!;
        Assert.Equal(2, as923.DefaultDataRate);
        Assert.Equal(0, as923.MaxPayload(0));
        Assert.Equal(11, as923.MaxPayload(2));
        Assert.Null(LoRaRegion.ForName("KZ865"));
        Assert.Equal(51, in865.MaxPayload(-3));
        Assert.Equal(242, in865.MaxPayload(99));
    }

    [Fact]
    public void A_duty_cycle_of_one_percent_keeps_the_band_off_for_99_times_the_airtime()
    {
        var budget = new AirtimeBudget(10);
        Assert.Equal(0, budget.WaitAt(0));
        budget.Transmitted(1000, 1483);
        Assert.Equal(1000 + (1483 * 100), budget.NextAllowedAt);
        Assert.Equal(1483 * 100, budget.WaitAt(1000));
        Assert.Equal(0, budget.WaitAt(1000 + (1483 * 100)));
        Assert.Equal(1483, budget.TotalAirtimeMilliseconds);

        // The modem's own count wins when it is the stricter.
        budget.BandBusy(200_000, 60_000);
        Assert.Equal(260_000, budget.NextAllowedAt);
        budget.BandBusy(200_000, 1_000);
        Assert.Equal(260_000, budget.NextAllowedAt);
    }

    [Fact]
    public void Over_an_hour_the_budget_never_allows_more_than_its_share()
    {
        var budget = new AirtimeBudget(10);
        long now = 0, onAir = 0;
        while (now < 3_600_000)
        {
            now += budget.WaitAt(now);
            budget.Transmitted(now, 400);
            onAir += 400;
            now += 400;
        }

        Assert.True(onAir <= (3_600_000 / 100) + 400, $"{onAir} ms on air in an hour");
    }
}
