using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Testing;

namespace EdgeDevices.Firmware.Core.Tests.LoRaWan;

/// <summary>
/// The modem's reply lines as the LoRa-E5 prints them, from its AT specification's examples, real module logs
/// and other drivers (tests/reference-data/lora-e5), not as our emulator writes them.
/// </summary>
public sealed class AtReplyReferenceTests
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Replies = ReferenceCsv.Read("lora-e5/replies.csv");

    public static TheoryData<string> PrefixedLines() => [.. Replies.Select(r => r["reply_line"]).Where(l => l.StartsWith('+') && !l.Contains('<', StringComparison.Ordinal)).Distinct()];

    [Theory]
    [MemberData(nameof(PrefixedLines))]
    public void Every_published_line_is_taken_for_its_command_with_its_body(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(line[1..colon], AtReply.Command(line));
        Assert.Equal(line[(colon + 1)..].TrimStart(' '), AtReply.Body(line));
    }

    [Fact]
    public void The_data_rate_in_use_is_read_from_every_form_the_module_answers_in()
    {
        Assert.Equal(0, AtReply.DataRate(Body("+DR: DR0")));
        Assert.Equal(4, AtReply.DataRate(Body("+DR: DR4")));
        Assert.Equal(0, AtReply.DataRate(Body("+DR: EU868 DR0  SF12 BW125K ")));
        Assert.Equal(4, AtReply.DataRate(Body("+DR: EU868 DR4  SF8  BW125K ")));

        // With ADR active the first line is the host's choice, then the network's: the network's is in use.
        Assert.Equal(3, AtReply.DataRate(Body("+DR: DR0 (ADR DR3)")));
        Assert.Equal(3, AtReply.DataRate(Body("+DR: US915 DR3 SF7 BW125K")));

        // The echo of a band plan names no data rate.
        Assert.Equal(-1, AtReply.DataRate(Body("+DR: EU868")));
        Assert.Equal(-1, AtReply.DataRate(Body("+DR: US915")));
    }

    [Fact]
    public void A_join_is_accepted_by_the_lines_real_modules_and_the_specification_print_and_by_nothing_else()
    {
        foreach (var line in new[] { "+JOIN: Network joined", "+JOIN: NetID C0002B DevAddr FC:00:AC:0B", "+JOIN: NetID 000024 DevAddr 48:00:00:01", "+JOIN: Joined already" })
        {
            Assert.True(AtReply.IsJoined(Body(line)), line);
        }

        foreach (var line in Replies.Where(r => r["command"] == "AT+JOIN").Select(r => r["reply_line"]).Where(l => !l.Contains("joined", StringComparison.OrdinalIgnoreCase) && !l.Contains("NetID", StringComparison.Ordinal)))
        {
            Assert.False(AtReply.IsJoined(AtReply.Body(line)), line);
        }
    }

    [Fact]
    public void Busy_no_band_and_errors_are_recognised_as_the_module_words_them()
    {
        Assert.True(AtReply.IsBusy(Body("+JOIN: LoRaWAN modem is busy")));
        Assert.True(AtReply.IsBusy(Body("+MSG: LoRaWAN modem is busy")));
        Assert.Equal(13469, AtReply.BandWaitMs(Body("+MSG: No band in 13469ms")));
        foreach (var line in Replies.Select(r => r["reply_line"]).Where(l => l.Contains("ERROR(", StringComparison.Ordinal)))
        {
            Assert.True(AtReply.IsError(line.StartsWith('+') ? AtReply.Body(line) : line), line);
        }
    }

    [Fact]
    public void Downlinks_are_read_from_the_published_lines()
    {
        Assert.True(AtReply.TryParseDownlink(Body("+MSG: PORT: 8; RX: \"12345678\""), out var port, out var data));
        Assert.Equal((8, "12345678"), (port, Convert.ToHexString(data)));
        Assert.True(AtReply.TryParseDownlink(Body("+CMSGHEX: PORT: 15; RX: \"48656C6C6F\""), out port, out data));
        Assert.Equal((15, "Hello"), (port, System.Text.Encoding.ASCII.GetString(data)));

        // The signal lines that follow a downlink are not downlinks.
        foreach (var line in Replies.Select(r => r["reply_line"]).Where(l => l.Contains("RXWIN", StringComparison.Ordinal)))
        {
            Assert.False(AtReply.TryParseDownlink(AtReply.Body(line), out _, out _), line);
        }
    }

    // The line must be in the reference: the test reads what the module prints, not what we think it prints.
    private static string Body(string line)
    {
        Assert.Contains(Replies, r => r["reply_line"] == line);
        return AtReply.Body(line);
    }
}
