using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Device.Tests;

public sealed class OutboxRecordTests
{
    [Fact]
    public void A_json_device_stores_the_json_it_will_publish_behind_the_type()
    {
        var reading = new MeterReading { BootId = 3, Sequence = 9, Timestamp = 1_795_515_300, Medium = MeterMedium.Water, Channel = 1, TotalMilli = 123_456_789 };
        var record = new byte[OutboxRecord.MaxLength];
        var length = OutboxRecord.Write(reading, PayloadEncoding.Json, record);

        Assert.Equal(MessageType.MeterReading, OutboxRecord.TypeOf(record));
        Assert.Equal((byte)'{', record[1]);
        var payload = OutboxRecord.Payload(record, length, PayloadEncoding.Json);
        var back = Assert.IsType<MeterReading>(JsonCodec.Decode(payload, 0, payload.Length));
        Assert.Equal(123_456_789, back.TotalMilli);
    }

    [Fact]
    public void A_json_form_too_long_for_a_slot_is_kept_compact_and_published_as_json()
    {
        var status = new LampStatus
        {
            BootId = 65535,
            Sequence = 65535,
            Timestamp = 1_795_515_300,
            Level = 100,
            RelayOn = true,
            HasPower = true,
            PowerDeciWatt = 20000,
            Faults = (LampFaults)0xFF,
            Source = ControlSource.Override,
        };
        Assert.True(JsonCodec.EncodeUtf8(status).Length > OutboxRecord.MaxLength - 1, "the test needs a long message");
        var record = new byte[OutboxRecord.MaxLength];
        var length = OutboxRecord.Write(status, PayloadEncoding.Json, record);
        Assert.NotEqual((byte)'{', record[1]);

        var payload = OutboxRecord.Payload(record, length, PayloadEncoding.Json);
        var back = Assert.IsType<LampStatus>(JsonCodec.Decode(payload, 0, payload.Length));
        Assert.Equal((LampFaults)0xFF, back.Faults);
        Assert.Equal(65535, back.Sequence);
    }

    [Fact]
    public void A_compact_device_publishes_the_compact_form()
    {
        var record = new byte[OutboxRecord.MaxLength];
        var length = OutboxRecord.Write(new DeviceEvent { Code = EventCode.Boot, Raised = true }, PayloadEncoding.Compact, record);
        Assert.Equal(13, length);
        Assert.Equal(12, OutboxRecord.Payload(record, length, PayloadEncoding.Compact).Length);
    }
}
