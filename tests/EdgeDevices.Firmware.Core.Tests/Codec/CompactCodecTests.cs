using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Core.Tests.Codec;

public sealed class CompactCodecTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Every_Message_Type_Round_Trips(string type)
    {
        var message = SampleMessages.ByName(type);

        var bytes = CompactCodec.Encode(message);
        var decoded = CompactCodec.Decode(bytes);

        Assert.Equal(CompactCodec.SizeOf(message.Type), bytes.Length);
        Assert.IsType(message.GetType(), decoded);
        Assert.Equivalent(message, decoded, strict: true);
    }

    [Theory]
    [InlineData(MessageType.AirQuality, 16)]
    [InlineData(MessageType.LampStatus, 12)]
    [InlineData(MessageType.MeterReading, 12)]
    [InlineData(MessageType.Event, 12)]
    [InlineData(MessageType.CommandAck, 11)]
    [InlineData(MessageType.UpdateStatus, 14)]
    [InlineData(MessageType.Command, 29)] // counter, expiry and MAC: still inside LoRaWAN's 51-byte floor
    [InlineData(MessageType.LampEnergy, 20)]
    [InlineData(MessageType.Health, 28)]
    public void Encoded_Sizes_Meet_The_Budgets(MessageType type, int size)
    {
        var message = SampleMessages.All().Single(m => m.Type == type);

        Assert.Equal(size, CompactCodec.Encode(message).Length);
    }

    [Fact]
    public void Air_Quality_Reading_Has_The_Documented_Bytes()
    {
        // Pins the wire format of docs/wire-format.md: a change here breaks deployed devices.
        var bytes = CompactCodec.Encode(SampleMessages.All().OfType<AirQualityReading>().Single());

        Assert.Equal("22-02-01-FD-E8-17-41-A8-01-C0-C0-4D-65-AD-6F-71", BitConverter.ToString(bytes));
    }

    [Fact]
    public void Particle_sizes_travel_each_on_its_own()
    {
        // An SDS011 has no PM1: its reading carries 1023 (not measured) there, and comes back without it.
        var sds = new AirQualityReading { BootId = 1, Sequence = 4, Timestamp = 1_795_515_300, Fields = AirQualityFields.Pm25 | AirQualityFields.Pm10 | AirQualityFields.Temperature, Pm25 = 31, Pm10 = 58, TemperatureCentiCelsius = -1250 };
        var back = (AirQualityReading)CompactCodec.Decode(CompactCodec.Encode(sds));
        Assert.Equal(sds.Fields, back.Fields);
        Assert.Equal(31, back.Pm25);
        Assert.Equal(58, back.Pm10);

        var only25 = new AirQualityReading { BootId = 1, Sequence = 5, Timestamp = 1_795_515_300, Fields = AirQualityFields.Pm25, Pm25 = 9 };
        Assert.Equal(AirQualityFields.Pm25, ((AirQualityReading)CompactCodec.Decode(CompactCodec.Encode(only25))).Fields);
    }

    [Fact]
    public void First_Byte_Is_Never_A_Json_Brace()
    {
        foreach (var message in SampleMessages.All())
        {
            var first = CompactCodec.Encode(message)[0];
            Assert.NotEqual((byte)'{', first);
            Assert.InRange(first, 0x20, 0x3F);
        }
    }

    [Fact]
    public void Encode_Into_Buffer_At_Offset_Writes_Only_The_Message()
    {
        var message = SampleMessages.All().OfType<MeterReading>().Single();
        var buffer = Enumerable.Repeat((byte)0xEE, 40).ToArray();

        var written = CompactCodec.Encode(message, buffer, 5);

        Assert.Equal(12, written);
        Assert.All(buffer.Take(5).Concat(buffer.Skip(17)), b => Assert.Equal(0xEE, b));
        Assert.Equivalent(message, CompactCodec.Decode(buffer, 5, written), strict: true);
    }

    [Fact]
    public void Encode_Into_Short_Buffer_Fails_Cleanly()
    {
        var ex = Assert.Throws<CodecException>(() => CompactCodec.Encode(SampleMessages.All().First(), new byte[10], 0));
        Assert.Equal(CodecError.BufferTooSmall, ex.Error);
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Every_Truncation_Is_Reported_As_Truncated(string type)
    {
        var bytes = CompactCodec.Encode(SampleMessages.ByName(type));

        for (var length = 0; length < bytes.Length; length++)
        {
            var ex = Assert.Throws<CodecException>(() => CompactCodec.Decode(bytes, 0, length));
            Assert.Equal(CodecError.Truncated, ex.Error);
        }
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Trailing_Bytes_Are_Reported_As_Too_Long(string type)
    {
        var bytes = CompactCodec.Encode(SampleMessages.ByName(type)).Concat(new byte[] { 0 }).ToArray();

        var ex = Assert.Throws<CodecException>(() => CompactCodec.Decode(bytes));
        Assert.Equal(CodecError.TooLong, ex.Error);
        Assert.Contains("too long", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Other_Versions_Are_Refused(int version)
    {
        var bytes = CompactCodec.Encode(SampleMessages.All().First());
        bytes[0] = (byte)((version << 5) | (bytes[0] & 0x1F));

        var ex = Assert.Throws<CodecException>(() => CompactCodec.Decode(bytes));
        Assert.Equal(CodecError.UnsupportedVersion, ex.Error);
        Assert.Equal("v", ex.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)] // the first type after UpdateStatus (8)
    [InlineData(15)]
    [InlineData(31)]
    public void Undefined_Types_Are_Refused(int type)
    {
        var bytes = new byte[16];
        bytes[0] = (byte)(0x20 | type);

        var ex = Assert.Throws<CodecException>(() => CompactCodec.Decode(bytes));
        Assert.Equal(CodecError.UnknownType, ex.Error);
    }

    [Fact]
    public void Null_And_Bad_Ranges_Are_Truncated_Not_Crashes()
    {
        Assert.Equal(CodecError.Truncated, Assert.Throws<CodecException>(() => CompactCodec.Decode(null!)).Error);
        Assert.Equal(CodecError.Truncated, Assert.Throws<CodecException>(() => CompactCodec.Decode(new byte[4], 3, 5)).Error);
        Assert.Equal(CodecError.Truncated, Assert.Throws<CodecException>(() => CompactCodec.Decode(new byte[4], -1, 2)).Error);
        Assert.Equal(CodecError.Truncated, Assert.Throws<CodecException>(() => CompactCodec.Decode(new byte[4], 9, 0)).Error);
    }

    [Fact]
    public void Out_Of_Range_Field_Values_Are_Invalid_Fields()
    {
        var lamp = CompactCodec.Encode(SampleMessages.All().OfType<LampStatus>().Single());
        lamp[8] = 0xFF; // level 127
        Assert.Equal("level", Assert.Throws<CodecException>(() => CompactCodec.Decode(lamp)).Field);

        var evt = CompactCodec.Encode(SampleMessages.All().OfType<DeviceEvent>().Single());
        evt[8] = 200; // no such event code
        Assert.Equal("code", Assert.Throws<CodecException>(() => CompactCodec.Decode(evt)).Field);

        var health = CompactCodec.Encode(SampleMessages.All().OfType<HealthReport>().Single());
        health[17] = 99; // no such reset reason
        Assert.Equal("resetReason", Assert.Throws<CodecException>(() => CompactCodec.Decode(health)).Field);
    }

    [Fact]
    public void Air_Quality_Values_Are_Quantised_To_Wire_Resolution()
    {
        var reading = new AirQualityReading
        {
            Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
            Pm1 = 2000, Pm25 = 1022, Pm10 = 0,
            TemperatureCentiCelsius = -1234, HumidityCentiPercent = 4526, PressurePascal = 101326,
            Timestamp = SampleMessages.Time,
        };

        var decoded = (AirQualityReading)CompactCodec.Decode(CompactCodec.Encode(reading));

        Assert.Equal(1022, decoded.Pm1); // sensor saturation: clamped
        Assert.Equal(-1230, decoded.TemperatureCentiCelsius); // 0.1 °C steps
        Assert.Equal(4550, decoded.HumidityCentiPercent); // 0.5 % steps
        Assert.Equal(101330, decoded.PressurePascal); // 0.1 hPa steps
    }

    [Fact]
    public void Missing_Air_Quality_Values_Stay_Missing()
    {
        var reading = new AirQualityReading { Fields = AirQualityFields.Temperature, TemperatureCentiCelsius = -3990 };

        var decoded = (AirQualityReading)CompactCodec.Decode(CompactCodec.Encode(reading));

        Assert.Equal(AirQualityFields.Temperature, decoded.Fields);
        Assert.Equal(-3990, decoded.TemperatureCentiCelsius);
    }

    [Theory]
    [InlineData(-5100, "temperature")]
    [InlineData(15500, "temperature")]
    public void Unrepresentable_Values_Are_Refused_On_Encode(int centiCelsius, string field)
    {
        var reading = new AirQualityReading { Fields = AirQualityFields.Temperature, TemperatureCentiCelsius = centiCelsius };

        var ex = Assert.Throws<CodecException>(() => CompactCodec.Encode(reading));
        Assert.Equal(CodecError.ValueOutOfRange, ex.Error);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Seconds_Are_Dropped_And_Unknown_Time_Survives()
    {
        var withSeconds = new CommandAck { Timestamp = SampleMessages.Time + 59 };
        var unknown = new CommandAck { Timestamp = 0 };

        Assert.Equal(SampleMessages.Time, CompactCodec.Decode(CompactCodec.Encode(withSeconds)).Timestamp);
        Assert.Equal(0u, CompactCodec.Decode(CompactCodec.Encode(unknown)).Timestamp);
        Assert.Equal(CodecError.ValueOutOfRange, Assert.Throws<CodecException>(() => CompactCodec.Encode(new CommandAck { Timestamp = 1_600_000_000 })).Error);
    }

    [Fact]
    public void Meter_Total_Travels_Modulo_2_To_The_28()
    {
        var reading = new MeterReading { Medium = MeterMedium.Electricity, TotalMilli = MeterReading.CompactTotalModulus * 3 + 17 };

        var decoded = (MeterReading)CompactCodec.Decode(CompactCodec.Encode(reading));

        Assert.Equal(17, decoded.TotalMilli);
        Assert.Equal(reading.TotalMilli, MeterReading.UnwrapTotal(MeterReading.CompactTotalModulus * 3 - 5, decoded.TotalMilli));
    }

    [Fact]
    public void Random_And_Mutated_Buffers_Only_Ever_Throw_CodecException()
    {
        var random = new Random(20261124);
        var valid = SampleMessages.All().Select(CompactCodec.Encode).ToArray();
        var decodedCount = 0;
        for (var i = 0; i < 50_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 40)];
                random.NextBytes(input);
                if (input.Length > 0)
                {
                    input[0] = (byte)(0x20 | (input[0] & 0x1F)); // mostly version 1, to reach the body decoders
                }
            }
            else
            {
                input = (byte[])valid[random.Next(valid.Length)].Clone();
                input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                CompactCodec.Decode(input);
                decodedCount++;
            }
            catch (CodecException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Message));
            }
        }

        Assert.True(decodedCount > 1000, "the fuzz inputs should also reach successful decodes");
    }
}
