using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Wire;

namespace EdgeDevices.Wire.Tests;

public sealed class EdgewireTests
{
    [Theory]
    [InlineData("220001000017406D0200C0488B537204")]
    [InlineData("22 00 01 00 00 17 40 6D 02 00 C0 48 8B 53 72 04")]
    [InlineData("IgABAAAXQG0CAMBIi1NyBA==")]
    public void Decodes_Hex_And_Base64_Alike(string payload)
    {
        var message = Assert.IsType<AirQualityReading>(PayloadText.Decode(payload, "auto"));

        Assert.Equal(12, message.Pm25);
        Assert.Equal(-2220, message.TemperatureCentiCelsius);
    }

    [Fact]
    public void Decodes_The_Example_In_The_Wire_Format_Document()
    {
        // docs/wire-format.md: edgewire decode 220201FDE81741A801C0C04D65AD6F71
        var message = Assert.IsType<AirQualityReading>(PayloadText.Decode("220201FDE81741A801C0C04D65AD6F71", "auto"));

        Assert.Equal(
            """{"v":1,"type":"airQuality","boot":513,"seq":65000,"ts":1795515300,"pm1":7,"pm25":12,"pm10":19,"temperature":21.50,"humidity":45.00,"pressure":1013.20,"flags":["humidityHigh"]}""",
            EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.Encode(message));
    }

    [Fact]
    public void Decodes_Json()
    {
        var message = PayloadText.Decode("""{"v":1,"type":"ack","boot":1,"seq":2,"ts":0,"commandId":7,"result":"ok"}""", "auto");

        Assert.Equal(7, Assert.IsType<CommandAck>(message).CommandId);
    }

    [Fact]
    public void Garbage_Is_A_Codec_Error()
    {
        Assert.Throws<CodecException>(() => PayloadText.Decode("not a payload!", "auto"));
        Assert.Throws<CodecException>(() => PayloadText.Decode("ABC", "hex"));
    }
}
