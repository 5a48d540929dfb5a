using EdgeDevices.Gateway.Southbound;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>
/// The broker's packet size limit against references it did not write: the remaining-length encodings of
/// the MQTT specification's own table, and packets as MQTTnet's formatter (another implementation) encodes them.
/// </summary>
public sealed class MqttFrameLimitTests
{
    private static readonly byte[] SmallConnect = Encode(new MqttConnectPacket { ClientId = "sl-0001", Username = "sl-0001", Password = "secret-secret-secret-1"u8.ToArray() });

    /// <summary>OASIS MQTT 3.1.1 §2.2.3, table 2.4 (unchanged in 5.0 §1.5.5): the boundary values of each encoding length.</summary>
    public static TheoryData<int, byte[]> SpecificationLengths => new()
    {
        { 0, [0x00] },
        { 127, [0x7F] },
        { 128, [0x80, 0x01] },
        { 16_383, [0xFF, 0x7F] },
        { 16_384, [0x80, 0x80, 0x01] },
        { 2_097_151, [0xFF, 0xFF, 0x7F] },
        { 2_097_152, [0x80, 0x80, 0x80, 0x01] },
        { 268_435_455, [0xFF, 0xFF, 0xFF, 0x7F] },
    };

    [Theory]
    [MemberData(nameof(SpecificationLengths))]
    public void A_packet_is_measured_from_the_specifications_remaining_length_encodings(int remaining, byte[] encoded)
    {
        var total = 1 + encoded.Length + remaining;
        var header = new byte[] { 0x30 }.Concat(encoded).ToArray();

        var exact = new MqttFrameLimit(2048, total);
        Assert.True(exact.Accept(SmallConnect));
        Assert.True(exact.Accept(header), exact.Refusal);
    }

    [Theory]
    [MemberData(nameof(SpecificationLengths))]
    public void A_packet_one_byte_over_the_limit_is_refused_at_its_last_length_byte(int remaining, byte[] encoded)
    {
        var total = 1 + encoded.Length + remaining;
        var limit = new MqttFrameLimit(2048, total - 1);
        Assert.True(limit.Accept(SmallConnect));
        Assert.True(limit.Accept([0x30]));
        for (var i = 0; i < encoded.Length - 1; i++)
        {
            Assert.True(limit.Accept([encoded[i]]), "a continuation byte does not decide");
        }

        Assert.False(limit.Accept([encoded[^1]]));
        Assert.Equal($"a packet of {total} bytes (at most {total - 1})", limit.Refusal);
    }

    [Fact]
    public void A_session_as_MQTTnet_encodes_it_passes_in_any_chunking_and_its_largest_message_sets_the_bar()
    {
        var publish = Encode(new MqttPublishPacket { Topic = "edgedevices/v1/sl-0001/telemetry", PayloadSegment = new byte[4096], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = 7 });
        var session = SmallConnect
            .Concat(Encode(new MqttSubscribePacket { PacketIdentifier = 1, TopicFilters = [new MqttTopicFilter { Topic = "edgedevices/v1/sl-0001/commands" }] }))
            .Concat(publish)
            .Concat(Encode(MqttPingReqPacket.Instance))
            .Concat(Encode(new MqttPublishPacket { Topic = "edgedevices/v1/sl-0001/status", PayloadSegment = "online"u8.ToArray(), Retain = true }))
            .ToArray();

        var random = new Random(21);
        for (var run = 0; run < 50; run++)
        {
            var limit = new MqttFrameLimit(2048, 8192);
            for (var at = 0; at < session.Length;)
            {
                var take = Math.Min(random.Next(1, 700), session.Length - at);
                Assert.True(limit.Accept(session.AsSpan(at, take)), limit.Refusal);
                at += take;
            }
        }

        var tight = new MqttFrameLimit(2048, publish.Length - 1);
        Assert.False(tight.Accept(session));
        Assert.Equal($"a packet of {publish.Length} bytes (at most {publish.Length - 1})", tight.Refusal);
        Assert.False(tight.Accept([0xC0, 0x00]), "nothing passes after a refusal");
    }

    [Fact]
    public void Before_the_login_only_a_small_CONNECT_passes()
    {
        var announcing256MB = new MqttFrameLimit(2048, 8192);
        Assert.False(announcing256MB.Accept([0x10, 0xFF, 0xFF, 0xFF, 0x7F]));
        Assert.Equal("a CONNECT of 268435460 bytes (at most 2048)", announcing256MB.Refusal);

        var bigPassword = Encode(new MqttConnectPacket { ClientId = "sl-0001", Username = "sl-0001", Password = new byte[3000] });
        var big = new MqttFrameLimit(2048, 8192);
        Assert.False(big.Accept(bigPassword));
        Assert.StartsWith("a CONNECT of ", big.Refusal, StringComparison.Ordinal);

        var publishFirst = new MqttFrameLimit(2048, 8192);
        Assert.False(publishFirst.Accept([0x30, 0x02, 0x00, 0x00]));
        Assert.Equal("the first packet is of type 3, not CONNECT", publishFirst.Refusal);

        var fiveLengthBytes = new MqttFrameLimit(2048, 8192);
        Assert.True(fiveLengthBytes.Accept(SmallConnect));
        Assert.False(fiveLengthBytes.Accept([0x30, 0x80, 0x80, 0x80, 0x80]));
        Assert.Equal("a remaining length longer than four bytes", fiveLengthBytes.Refusal);
    }

    private static byte[] Encode(MqttPacket packet)
    {
        var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65536));
        return formatter.Encode(packet).Join().ToArray();
    }
}
