using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Tests.Network;

/// <summary>Packing LoRaWAN frames from the outbox on its own: whole compact messages, oldest first, no gaps, alarms noticed.</summary>
public sealed class FramePackerTests
{
    [Fact]
    public void As_many_whole_messages_as_fit_go_in_one_frame_in_outbox_order()
    {
        var outbox = NewOutbox();
        var ids = Enumerable.Range(0, 5).Select(i => Put(outbox, Telemetry((ushort)i))).ToArray();
        var size = CompactCodec.Encode(Telemetry(0)).Length;
        var packer = new FramePacker(242);

        // Room for three and a half: three go, the fourth waits whole.
        var length = packer.Pack(outbox, ids[0], (size * 3) + (size / 2));
        Assert.Equal(size * 3, length);
        Assert.Equal(3, packer.Count);
        Assert.Equal(ids[..3], Enumerable.Range(0, 3).Select(packer.Carried));
        Assert.False(packer.CarriesAlarm);

        // The frame is the messages' compact forms back to back, as the gateway splits them.
        var expected = ids[..3].SelectMany((_, i) => CompactCodec.Encode(Telemetry((ushort)i))).ToArray();
        Assert.Equal(expected, packer.Frame[..length]);
    }

    [Fact]
    public void A_raised_warning_or_alarm_in_the_frame_is_noticed_and_an_info_event_is_not()
    {
        var outbox = NewOutbox();
        var first = Put(outbox, Telemetry(1));
        Put(outbox, new DeviceEvent { BootId = 1, Sequence = 2, Timestamp = 1_780_000_000, Code = EventCode.Boot, Raised = true, Severity = EventSeverity.Info });
        var packer = new FramePacker(242);
        packer.Pack(outbox, first, 242);
        Assert.Equal(2, packer.Count);
        Assert.False(packer.CarriesAlarm);

        Put(outbox, new DeviceEvent { BootId = 1, Sequence = 3, Timestamp = 1_780_000_000, Code = EventCode.OutboxOverflow, Raised = true, Severity = EventSeverity.Warning });
        packer.Pack(outbox, first, 242);
        Assert.Equal(3, packer.Count);
        Assert.True(packer.CarriesAlarm);
    }

    [Fact]
    public void Packing_stops_at_a_record_that_is_not_a_compact_message()
    {
        var outbox = NewOutbox();
        var first = Put(outbox, Telemetry(1));
        var json = new byte[OutboxRecord.MaxLength];
        var jsonLength = OutboxRecord.Write(Telemetry(2), PayloadEncoding.Json, json);
        outbox.Enqueue(json, 0, jsonLength);
        Put(outbox, Telemetry(3));
        var packer = new FramePacker(242);
        packer.Pack(outbox, first, 242);
        Assert.Equal(1, packer.Count);
    }

    private static MeterReading Telemetry(ushort sequence) => new() { BootId = 1, Sequence = sequence, Timestamp = 1_780_000_000, Channel = 0, TotalMilli = 1_000 + sequence };

    private static uint Put(Outbox outbox, Message message)
    {
        var record = new byte[OutboxRecord.MaxLength];
        var length = OutboxRecord.Write(message, PayloadEncoding.Compact, record);
        return outbox.Enqueue(record, 0, length);
    }

    private static Outbox NewOutbox()
    {
        const int slotSize = Outbox.SlotOverhead + OutboxRecord.MaxLength;
        return new Outbox(new MemoryRegion(Outbox.SlotsStart + (32 * slotSize)), slotSize);
    }
}
