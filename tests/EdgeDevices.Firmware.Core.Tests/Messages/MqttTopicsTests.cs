using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Messages;

public sealed class MqttTopicsTests
{
    [Theory]
    [InlineData("sl-0001", true)]
    [InlineData("aq7", true)]
    [InlineData("a1", false)]
    [InlineData("-sl", false)]
    [InlineData("SL-1", false)]
    [InlineData("sl/1", false)]
    [InlineData("sl+1", false)]
    [InlineData("sl#", false)]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", false)]
    public void Device_Ids_Are_One_Safe_Topic_Level(string id, bool valid)
    {
        Assert.Equal(valid, MqttTopics.IsValidDeviceId(id));
    }

    [Fact]
    public void Topics_Round_Trip()
    {
        var topic = MqttTopics.For("sl-0001", MqttTopics.Telemetry);

        Assert.Equal("edge/sl-0001/telemetry", topic);
        Assert.True(MqttTopics.TryParse(topic, out var id, out var channel));
        Assert.Equal(("sl-0001", "telemetry"), (id, channel));
    }

    [Theory]
    [InlineData("edge/sl-0001")]
    [InlineData("edge/sl-0001/")]
    [InlineData("edge/sl-0001/telemetry/extra")]
    [InlineData("edge/SL/telemetry")]
    [InlineData("other/sl-0001/telemetry")]
    [InlineData("edge//telemetry")]
    public void Foreign_Topics_Do_Not_Parse(string topic)
    {
        Assert.False(MqttTopics.TryParse(topic, out _, out _));
    }

    [Theory]
    [InlineData(MessageType.AirQuality, "telemetry")]
    [InlineData(MessageType.Health, "telemetry")]
    [InlineData(MessageType.LampStatus, "state")]
    [InlineData(MessageType.Event, "events")]
    [InlineData(MessageType.CommandAck, "acks")]
    [InlineData(MessageType.Command, "commands")]
    public void Each_Type_Has_Its_Channel(MessageType type, string channel)
    {
        Assert.Equal(channel, MqttTopics.ChannelFor(type));
    }

    [Theory]
    [InlineData(1000, 1010, 1010)]
    [InlineData(268435450, 5, 268435461)]
    [InlineData(1000, 990, 990)]
    [InlineData(5, 268435450, 268435450)]
    public void Meter_Totals_Unwrap_To_The_Nearest_Value(long previous, long wire, long expected)
    {
        Assert.Equal(expected, MeterReading.UnwrapTotal(previous, wire));
    }
}
