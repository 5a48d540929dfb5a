using EdgeDevices.Firmware.Storage;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Firmware.Core.Tests.Storage;

public sealed class OutboxTests
{
    private const int SlotSize = 40;
    private const int Slots = 16;

    [Fact]
    public void Records_Come_Back_In_Order_Until_Acknowledged()
    {
        var outbox = new Outbox(NewFlash(), SlotSize);

        var ids = Enumerable.Range(1, 5).Select(i => outbox.Enqueue(Payload(i), 0, Payload(i).Length)).ToList();

        Assert.Equal(5, outbox.Count);
        Assert.Equal(ids, Pending(outbox));
        Assert.Equal(Payload(3), ReadPayload(outbox, ids[2]));

        Assert.True(outbox.Acknowledge(ids[0]));
        Assert.False(outbox.Acknowledge(ids[0])); // repeated acks are harmless

        Assert.Equal(4, outbox.Count);
        Assert.Equal(-1, outbox.Read(ids[0], new byte[64], 0));
        Assert.Equal(ids.Skip(1), Pending(outbox));
    }

    [Fact]
    public void Full_Outbox_Drops_The_Oldest_And_Counts_It()
    {
        var outbox = new Outbox(NewFlash(), SlotSize);
        Assert.Equal(Slots, outbox.Capacity);

        for (var i = 1; i <= Slots + 5; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        Assert.Equal(Slots, outbox.Count);
        Assert.Equal(5u, outbox.Drops);
        Assert.Equal(6u, outbox.FirstPending());
        Assert.Equal(Payload(6), ReadPayload(outbox, 6));
        Assert.Equal(Payload(Slots + 5), ReadPayload(outbox, (uint)(Slots + 5)));
    }

    [Fact]
    public void Out_Of_Order_Acknowledgements_Leave_Only_The_Unacknowledged()
    {
        var outbox = new Outbox(NewFlash(), SlotSize);
        for (var i = 1; i <= 6; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        outbox.Acknowledge(3);
        outbox.Acknowledge(5);
        outbox.Acknowledge(1);

        Assert.Equal(new uint[] { 2, 4, 6 }, Pending(outbox));
    }

    [Fact]
    public void Reopening_Keeps_Pending_Records_And_The_Drop_Count()
    {
        var flash = NewFlash();
        var outbox = new Outbox(flash, SlotSize) { CheckpointInterval = 1 };
        for (var i = 1; i <= Slots + 3; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        outbox.Acknowledge(4);
        outbox.Acknowledge(5);

        var reopened = new Outbox(flash, SlotSize);

        Assert.False(reopened.WasFormatted);
        Assert.Equal(3u, reopened.Drops);
        Assert.Equal(Enumerable.Range(6, Slots - 2).Select(i => (uint)i), Pending(reopened));
        Assert.Equal(Payload(Slots + 3), ReadPayload(reopened, (uint)(Slots + 3)));
        Assert.Equal((uint)(Slots + 4), reopened.Enqueue(Payload(99), 0, 3));
    }

    [Fact]
    public void Drop_Count_Survives_A_Power_Cut_Between_Checkpoints()
    {
        var flash = NewFlash();
        var outbox = new Outbox(flash, SlotSize) { CheckpointInterval = 1000 };
        for (var i = 1; i <= Slots + 7; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        var reopened = new Outbox(flash, SlotSize);

        Assert.Equal(7u, reopened.Drops);
        Assert.Equal(Slots, reopened.Count);
    }

    [Fact]
    public void Acknowledgements_Since_The_Last_Checkpoint_Are_Replayed_At_Most_Once_Per_Interval()
    {
        var flash = NewFlash();
        var outbox = new Outbox(flash, SlotSize) { CheckpointInterval = 4 };
        for (var i = 1; i <= 10; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        for (uint id = 1; id <= 6; id++)
        {
            outbox.Acknowledge(id);
        }

        // Power fails without a further checkpoint: the watermark saved after four acks is what survives.
        var reopened = new Outbox(flash, SlotSize);

        Assert.Equal(Enumerable.Range(5, 6).Select(i => (uint)i), Pending(reopened));
    }

    [Fact]
    public void Power_Cut_At_Any_Byte_Of_The_Final_Write_Loses_At_Most_That_Record()
    {
        var payload = Payload(11);
        var recordBytes = payload.Length + Outbox.SlotOverhead;
        for (var cut = 0; cut <= recordBytes; cut++)
        {
            var flash = NewFlash();
            var outbox = new Outbox(flash, SlotSize) { CheckpointInterval = 1 };
            for (var i = 1; i <= 10; i++)
            {
                outbox.Enqueue(Payload(i), 0, Payload(i).Length);
            }

            outbox.Acknowledge(1);
            outbox.Acknowledge(2);

            flash.CutPowerAfter(cut);
            var completed = true;
            try
            {
                outbox.Enqueue(payload, 0, payload.Length);
            }
            catch (PowerLossException)
            {
                completed = false;
            }

            flash.PowerOn();
            var reopened = new Outbox(flash, SlotSize);

            for (uint id = 3; id <= 10; id++)
            {
                Assert.Equal(Payload((int)id), ReadPayload(reopened, id));
            }

            if (completed)
            {
                Assert.Equal(payload, ReadPayload(reopened, 11));
                Assert.Equal(9, reopened.Count);
            }
            else
            {
                Assert.Equal(-1, reopened.Read(11, new byte[64], 0));
                Assert.Equal(8, reopened.Count);
                Assert.Equal(1, reopened.CorruptRecordsSkipped);
            }

            // The outbox keeps working after the cut.
            var next = reopened.Enqueue(payload, 0, payload.Length);
            Assert.Equal(payload, ReadPayload(reopened, next));
        }
    }

    [Fact]
    public void Power_Cut_While_Dropping_The_Oldest_Never_Touches_The_Rest()
    {
        for (var cut = 0; cut < 12; cut++)
        {
            var flash = NewFlash();
            var outbox = new Outbox(flash, SlotSize);
            for (var i = 1; i <= Slots; i++)
            {
                outbox.Enqueue(Payload(i), 0, Payload(i).Length);
            }

            flash.CutPowerAfter(cut);
            Assert.Throws<PowerLossException>(() => outbox.Enqueue(Payload(77), 0, Payload(77).Length));
            flash.PowerOn();

            var reopened = new Outbox(flash, SlotSize);

            // Record 1 was being overwritten (it is lost either way); 2..16 are intact.
            Assert.Equal(Enumerable.Range(2, Slots - 1).Select(i => (uint)i), Pending(reopened));
            for (uint id = 2; id <= Slots; id++)
            {
                Assert.Equal(Payload((int)id), ReadPayload(reopened, id));
            }
        }
    }

    [Fact]
    public void Power_Cut_During_A_Checkpoint_Keeps_A_Consistent_Watermark()
    {
        for (var cut = 0; cut < 2 * (DualSlotRecord.Overhead + 16); cut++)
        {
            var flash = NewFlash();
            var outbox = new Outbox(flash, SlotSize) { CheckpointInterval = 1 };
            for (var i = 1; i <= 5; i++)
            {
                outbox.Enqueue(Payload(i), 0, Payload(i).Length);
            }

            outbox.Acknowledge(1);
            flash.CutPowerAfter(cut);
            try
            {
                outbox.Acknowledge(2);
            }
            catch (PowerLossException)
            {
            }

            flash.PowerOn();
            var pending = Pending(new Outbox(flash, SlotSize));

            Assert.True(pending.SequenceEqual(new uint[] { 2, 3, 4, 5 }) || pending.SequenceEqual(new uint[] { 3, 4, 5 }), string.Join(",", pending));
        }
    }

    [Fact]
    public void A_Flipped_Bit_Is_Detected_And_The_Record_Skipped()
    {
        var flash = NewFlash();
        var outbox = new Outbox(flash, SlotSize);
        for (var i = 1; i <= 4; i++)
        {
            outbox.Enqueue(Payload(i), 0, Payload(i).Length);
        }

        flash.Corrupt(Outbox.SlotsStart + 2 * SlotSize + 12, 0x10); // inside record 3's payload

        var reopened = new Outbox(flash, SlotSize);

        Assert.Equal(new uint[] { 1, 2, 4 }, Pending(reopened));
        Assert.Equal(1, reopened.CorruptRecordsSkipped);
    }

    [Fact]
    public void New_Storage_And_A_Changed_Geometry_Are_Formatted()
    {
        var flash = NewFlash();
        var first = new Outbox(flash, SlotSize);
        first.Enqueue(Payload(1), 0, Payload(1).Length);

        var reshaped = new Outbox(flash, SlotSize + 8);

        Assert.True(first.WasFormatted);
        Assert.True(reshaped.WasFormatted);
        Assert.Equal(0, reshaped.Count);
    }

    [Fact]
    public void Oversized_Or_Empty_Records_Are_Refused()
    {
        var outbox = new Outbox(NewFlash(), SlotSize);

        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Enqueue(new byte[outbox.MaxPayload + 1], 0, outbox.MaxPayload + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Enqueue(new byte[1], 0, 0));
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void Works_On_A_Real_File()
    {
        var path = Path.Combine(Path.GetTempPath(), $"outbox-{Guid.NewGuid():N}.bin");
        try
        {
            using (var storage = new FileFlashStorage(path, Outbox.SlotsStart + Slots * SlotSize))
            {
                var outbox = new Outbox(storage, SlotSize);
                outbox.Enqueue(Payload(1), 0, Payload(1).Length);
                outbox.Enqueue(Payload(2), 0, Payload(2).Length);
            }

            using (var storage = new FileFlashStorage(path, Outbox.SlotsStart + Slots * SlotSize))
            {
                var outbox = new Outbox(storage, SlotSize);
                Assert.Equal(new uint[] { 1, 2 }, Pending(outbox));
                Assert.Equal(Payload(2), ReadPayload(outbox, 2));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Concurrent_Producer_And_Acknowledger_Stay_Consistent()
    {
        var outbox = new Outbox(new EmulatedFlash(Outbox.SlotsStart + 256 * SlotSize), SlotSize);
        var produced = 0;
        var producer = Task.Run(() =>
        {
            for (var i = 1; i <= 2000; i++)
            {
                outbox.Enqueue(Payload(i), 0, Payload(i).Length);
                Interlocked.Increment(ref produced);
            }
        });

        var acknowledged = 0;
        while (!producer.IsCompleted || outbox.Count > 0)
        {
            // The producer may drop the record between FirstPending and Acknowledge: count only real removals.
            var id = outbox.FirstPending();
            if (id != 0 && outbox.Acknowledge(id))
            {
                acknowledged++;
            }
        }

        await producer;
        Assert.Equal(0, outbox.Count);
        Assert.Equal(2000, acknowledged + (int)outbox.Drops);
    }

    internal static byte[] Payload(int i) =>
        Enumerable.Range(0, 3 + i % 20).Select(k => (byte)(i * 31 + k)).ToArray();

    private static EmulatedFlash NewFlash() => new(Outbox.SlotsStart + Slots * SlotSize);

    private static byte[] ReadPayload(Outbox outbox, uint id)
    {
        var buffer = new byte[64];
        var length = outbox.Read(id, buffer, 0);
        Assert.True(length > 0, $"record {id} not readable");
        return buffer.Take(length).ToArray();
    }

    private static List<uint> Pending(Outbox outbox)
    {
        var ids = new List<uint>();
        for (var id = outbox.FirstPending(); id != 0; id = outbox.NextPending(id))
        {
            ids.Add(id);
        }

        return ids;
    }
}
