using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Firmware.Core.Tests.Messages;

public sealed class MessageStamperTests
{
    private sealed class CountingBootIds : IBootIdSource
    {
        public ushort Next = 41;

        public ushort NextBootId() => Next++;
    }

    [Fact]
    public void Sequence_Counts_Up_Within_A_Boot()
    {
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc));
        var stamper = new MessageStamper(new CountingBootIds(), clock);

        var first = stamper.Stamp(new CommandAck());
        clock.Advance(1500);
        var second = stamper.Stamp(new CommandAck());

        Assert.Equal(41, first.BootId);
        Assert.Equal(0, first.Sequence);
        Assert.Equal(1, second.Sequence);
        Assert.Equal(1795514400u, first.Timestamp);
        Assert.Equal(1795514401u, second.Timestamp);
    }

    [Fact]
    public void Wrapping_Sequence_Moves_To_A_New_Boot_Id()
    {
        var stamper = new MessageStamper(new CountingBootIds(), new VirtualClock(DateTime.UnixEpoch));
        var keys = new HashSet<(ushort, ushort)>();

        for (var i = 0; i < 70_000; i++)
        {
            var m = stamper.Stamp(new CommandAck());
            Assert.True(keys.Add((m.BootId, m.Sequence)), "dedupe key reused");
        }

        Assert.Equal(42, stamper.BootId);
    }

    [Fact]
    public void Unset_Clock_Gives_Timestamp_Zero()
    {
        var stamper = new MessageStamper(new CountingBootIds(), new VirtualClock(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(0u, stamper.Stamp(new CommandAck()).Timestamp);
    }
}
