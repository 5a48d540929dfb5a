using System.Globalization;
using System.Text;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Codec;

public sealed class JsonCodecTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Every_Message_Type_Round_Trips(string type)
    {
        var message = SampleMessages.ByName(type);

        var decoded = JsonCodec.Decode(JsonCodec.Encode(message));

        Assert.IsType(message.GetType(), decoded);
        Assert.Equivalent(message, decoded, strict: true);
    }

    [Fact]
    public void Json_Keeps_Full_Precision_Where_Compact_Quantises()
    {
        var reading = new AirQualityReading
        {
            Fields = AirQualityFields.Temperature | AirQualityFields.Pressure,
            TemperatureCentiCelsius = -1234, PressurePascal = 101326, Timestamp = SampleMessages.Time + 59,
        };
        var meter = new MeterReading { TotalMilli = MeterReading.CompactTotalModulus * 5 + 1 };

        Assert.Equivalent(reading, JsonCodec.Decode(JsonCodec.Encode(reading)), strict: true);
        Assert.Equal(meter.TotalMilli, ((MeterReading)JsonCodec.Decode(JsonCodec.Encode(meter))).TotalMilli);
    }

    [Fact]
    public void Air_Quality_Json_Reads_As_Documented()
    {
        var json = JsonCodec.Encode(SampleMessages.All().OfType<AirQualityReading>().Single());

        Assert.Equal(
            """{"v":1,"type":"airQuality","boot":513,"seq":65000,"ts":1795515300,"pm1":7,"pm25":12,"pm10":19,"temperature":21.50,"humidity":45.00,"pressure":1013.20,"flags":["humidityHigh"]}""",
            json);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("sv-SE")]
    [InlineData("ar-SA")]
    [InlineData("kk-KZ")]
    public void Output_Does_Not_Depend_On_The_Host_Culture(string culture)
    {
        var message = new AirQualityReading { Fields = AirQualityFields.Temperature, TemperatureCentiCelsius = -1234 };
        var invariant = JsonCodec.Encode(message);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.Equal(invariant, JsonCodec.Encode(message));
            Assert.Equivalent(message, JsonCodec.Decode(invariant), strict: true);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Decodes_What_A_Different_Writer_Produced()
    {
        // Key order, whitespace, exponents and extra fields from another implementation.
        const string json = """
            { "ts": 1795515300, "seq": 7, "boot": 1, "type": "meter", "v": 1,
              "total": 1.2345e3, "channel": 1, "medium": "gas", "note": "ignored" }
            """;

        var meter = Assert.IsType<MeterReading>(JsonCodec.Decode(json));

        Assert.Equal(1_234_500, meter.TotalMilli);
        Assert.Equal(MeterMedium.Gas, meter.Medium);
        Assert.Equal(7, meter.Sequence);
    }

    [Fact]
    public void A_reading_with_only_some_particle_sizes_is_valid_and_says_which()
    {
        // A PM2.5-only sensor, and an SDS011 (PM2.5 and PM10, no PM1): fields are present only when measured.
        var only25 = (AirQualityReading)JsonCodec.Decode("""{"v":1,"type":"airQuality","boot":1,"seq":1,"ts":0,"pm25":3}""");
        Assert.Equal(AirQualityFields.Pm25, only25.Fields);
        Assert.Equal(3, only25.Pm25);
        Assert.DoesNotContain("pm1", JsonCodec.Encode(only25), StringComparison.Ordinal);
        Assert.DoesNotContain("pm10", JsonCodec.Encode(only25), StringComparison.Ordinal);

        var sds = (AirQualityReading)JsonCodec.Decode("""{"v":1,"type":"airQuality","boot":1,"seq":2,"ts":0,"pm25":31,"pm10":58}""");
        Assert.Equal(AirQualityFields.Pm25 | AirQualityFields.Pm10, sds.Fields);
        var again = (AirQualityReading)JsonCodec.Decode(JsonCodec.Encode(sds));
        Assert.Equal(sds.Fields, again.Fields);
        Assert.Equal(58, again.Pm10);
    }

    [Theory]
    [InlineData("""{"v":1,"type":"meter","boot":1,"seq":1,"ts":0,"channel":0,"total":1}""", CodecError.MissingField, "medium")]
    [InlineData("""{"type":"meter"}""", CodecError.MissingField, "v")]
    [InlineData("""{"v":1,"boot":1}""", CodecError.MissingField, "type")]
    [InlineData("""{"v":1,"type":"ack","seq":1,"ts":0,"commandId":1,"result":"ok"}""", CodecError.MissingField, "boot")]
    [InlineData("""{"v":1,"type":"lampStatus","boot":1,"seq":1,"ts":0,"level":101,"relay":true,"faults":[],"source":"schedule"}""", CodecError.InvalidField, "level")]
    [InlineData("""{"v":1,"type":"lampStatus","boot":1,"seq":1,"ts":0,"level":"50","relay":true,"faults":[],"source":"schedule"}""", CodecError.InvalidField, "level")]
    [InlineData("""{"v":1,"type":"lampStatus","boot":1,"seq":1,"ts":0,"level":50,"relay":1,"faults":[],"source":"schedule"}""", CodecError.InvalidField, "relay")]
    [InlineData("""{"v":1,"type":"lampStatus","boot":1,"seq":1,"ts":0,"level":50,"relay":true,"faults":["melted"],"source":"schedule"}""", CodecError.InvalidField, "faults")]
    [InlineData("""{"v":1,"type":"event","boot":1,"seq":1,"ts":0,"code":"lampFailure","raised":true,"severity":"doom"}""", CodecError.InvalidField, "severity")]
    [InlineData("""{"v":1,"type":"meter","boot":1,"seq":70000,"ts":0,"medium":"gas","channel":0,"total":1}""", CodecError.InvalidField, "seq")]
    [InlineData("""{"v":1,"type":"meter","boot":1,"seq":1,"ts":-5,"medium":"gas","channel":0,"total":1}""", CodecError.InvalidField, "ts")]
    [InlineData("""{"v":1,"type":"meter","boot":1,"seq":1.5,"ts":0,"medium":"gas","channel":0,"total":1}""", CodecError.InvalidField, "seq")]
    [InlineData("""{"v":1,"type":"health","boot":1,"seq":1,"ts":0,"freeHeap":1,"uptime":1,"rssi":-60,"resetReason":"powerOn","firmware":"1.2","outboxDepth":0,"outboxDrops":0}""", CodecError.InvalidField, "firmware")]
    [InlineData("""{"v":null,"type":"meter"}""", CodecError.InvalidField, "v")]
    public void Bad_Fields_Are_Named(string json, CodecError error, string field)
    {
        var ex = Assert.Throws<CodecException>(() => JsonCodec.Decode(json));

        Assert.Equal(error, ex.Error);
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_Versions_And_Types_Are_Refused()
    {
        Assert.Equal(CodecError.UnsupportedVersion, Assert.Throws<CodecException>(() => JsonCodec.Decode("""{"v":2,"type":"meter"}""")).Error);
        Assert.Equal(CodecError.UnknownType, Assert.Throws<CodecException>(() => JsonCodec.Decode("""{"v":1,"type":"toaster","boot":1}""")).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"v":1,"type":"meter"} trailing""")]
    [InlineData("""{"v":1,"v":1}""")]
    [InlineData("""{"v":1,"type":"me\qter"}""")]
    [InlineData("""{"v":01}""")]
    [InlineData("""{"v":1,}""")]
    [InlineData("""{'v':1}""")]
    [InlineData("""{"a":[[[[[[[[[[[[1]]]]]]]]]]]}""")]
    public void Malformed_Json_Is_Refused_Cleanly(string json)
    {
        var ex = Assert.Throws<CodecException>(() => JsonCodec.Decode(json));

        Assert.True(ex.Error is CodecError.MalformedJson or CodecError.Truncated, ex.Error + ": " + ex.Message);
    }

    [Fact]
    public void Oversized_Payload_Is_Too_Long()
    {
        var huge = Encoding.UTF8.GetBytes("{\"v\":1,\"pad\":\"" + new string('x', 5000) + "\"}");

        Assert.Equal(CodecError.TooLong, Assert.Throws<CodecException>(() => JsonCodec.Decode(huge, 0, huge.Length)).Error);
    }

    [Fact]
    public void Random_And_Mutated_Text_Only_Ever_Throws_CodecException()
    {
        var random = new Random(94);
        var valid = SampleMessages.All().Select(JsonCodec.EncodeUtf8).ToArray();
        const string alphabet = "{}[]\":,.-+eE0123456789truefalsnl \\u\t\n";
        for (var i = 0; i < 30_000; i++)
        {
            byte[] input;
            switch (i % 3)
            {
                case 0:
                    input = new byte[random.Next(0, 64)];
                    random.NextBytes(input);
                    break;
                case 1:
                    input = Encoding.UTF8.GetBytes(new string(Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
                    break;
                default:
                    input = (byte[])valid[random.Next(valid.Length)].Clone();
                    for (var k = random.Next(1, 4); k > 0; k--)
                    {
                        input[random.Next(input.Length)] = (byte)alphabet[random.Next(alphabet.Length)];
                    }

                    break;
            }

            try
            {
                JsonCodec.Decode(input, 0, input.Length);
            }
            catch (CodecException)
            {
            }
        }
    }
}
