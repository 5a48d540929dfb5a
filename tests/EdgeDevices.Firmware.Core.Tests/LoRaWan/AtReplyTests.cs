using EdgeDevices.Firmware.LoRaWan;
using FsCheck.Xunit;

namespace EdgeDevices.Firmware.Core.Tests.LoRaWan;

public sealed class AtReplyTests
{
    [Fact]
    public void Reply_lines_are_read_as_the_lora_e5_writes_them()
    {
        Assert.Equal("CMSGHEX", AtReply.Command("+CMSGHEX: ACK Received"));
        Assert.Equal("ACK Received", AtReply.Body("+CMSGHEX: ACK Received"));
        Assert.Null(AtReply.Command("garbage"));
        Assert.Null(AtReply.Command(null!));
        Assert.Equal(51, AtReply.TrailingNumber(AtReply.Body("+LW: LEN, 51")));
        Assert.Equal(5, AtReply.TrailingNumber(AtReply.Body("+DR: DR5")));
        Assert.Equal(-1, AtReply.TrailingNumber("IN865 "[..0]));
        Assert.Equal(4234, AtReply.BandWaitMs("No band in 4234ms"));
        Assert.Equal(-1, AtReply.BandWaitMs("Done"));
        Assert.True(AtReply.IsError("ERROR(-1)"));

        Assert.True(AtReply.TryParseDownlink("PORT: 2; RX: \"0A 0b FF\"", out var port, out var data));
        Assert.Equal(2, port);
        Assert.Equal(new byte[] { 0x0A, 0x0B, 0xFF }, data);
        Assert.False(AtReply.TryParseDownlink("PORT: 0; RX: \"0A\"", out _, out _));
        Assert.False(AtReply.TryParseDownlink("PORT: 1; RX: \"0A0\"", out _, out _));
        Assert.False(AtReply.TryParseDownlink("PORT: 1; RX: \"ZZ\"", out _, out _));
        Assert.False(AtReply.TryParseDownlink("RXWIN1, RSSI -97, SNR 6.5", out _, out _));
        Assert.Equal("00FFA5", AtReply.Hex([0x00, 0xFF, 0xA5], 0, 3));
    }

    [Fact]
    public void Network_time_is_read_in_utc_and_nonsense_is_no_time()
    {
        var time = AtReply.ParseTime("2026-12-21 13:00:06");
        Assert.Equal(new DateTime(2026, 12, 21, 13, 0, 6, DateTimeKind.Utc), time);
        Assert.Equal(DateTimeKind.Utc, time.Kind);
        Assert.Equal(DateTime.MinValue, AtReply.ParseTime("2026-02-30 13:00:06"));
        Assert.Equal(DateTime.MinValue, AtReply.ParseTime("1970-01-01 00:00:00"));
        Assert.Equal(DateTime.MinValue, AtReply.ParseTime("ERROR(-1)"));
    }

    [Property(MaxTest = 3000)]
    public bool Any_reply_line_is_read_without_a_crash(string line)
    {
        AtReply.Command(line);
        var body = AtReply.Body(line);
        AtReply.TryParseDownlink(body, out _, out _);
        AtReply.BandWaitMs(body);
        AtReply.TrailingNumber(body);
        AtReply.ParseTime(body);
        return true;
    }
}
