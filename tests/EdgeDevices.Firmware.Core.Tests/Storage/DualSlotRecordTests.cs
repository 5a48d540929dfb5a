using EdgeDevices.Firmware.Storage;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Firmware.Core.Tests.Storage;

public sealed class DualSlotRecordTests
{
    [Fact]
    public void New_Storage_Has_No_Value()
    {
        Assert.Equal(-1, new DualSlotRecord(new EmulatedFlash(64), 0, 8).Read(new byte[8]));
    }

    [Fact]
    public void A_Torn_Write_Leaves_The_Previous_Value()
    {
        for (var cut = 0; cut < DualSlotRecord.Overhead + 8; cut++)
        {
            var flash = new EmulatedFlash(64);
            var record = new DualSlotRecord(flash, 4, 8);
            record.Write([1, 1, 1], 0, 3);
            record.Write([2, 2, 2, 2], 0, 4);

            flash.CutPowerAfter(cut);
            Assert.Throws<PowerLossException>(() => record.Write([3, 3], 0, 2));
            flash.PowerOn();

            var buffer = new byte[8];
            var length = new DualSlotRecord(flash, 4, 8).Read(buffer);
            Assert.Equal(new byte[] { 2, 2, 2, 2 }, buffer.Take(length));
        }
    }

    [Fact]
    public void Boot_Counter_Counts_Across_Reboots_And_Survives_A_Torn_Write()
    {
        var flash = new EmulatedFlash(PersistentBootCounter.StorageSize);
        Assert.Equal(1, new PersistentBootCounter(flash, 0).NextBootId());
        Assert.Equal(2, new PersistentBootCounter(flash, 0).NextBootId());

        flash.CutPowerAfter(5);
        Assert.Throws<PowerLossException>(() => new PersistentBootCounter(flash, 0).NextBootId());
        flash.PowerOn();

        // The torn boot never handed out 3, so 3 is still unused.
        Assert.Equal(3, new PersistentBootCounter(flash, 0).NextBootId());
    }
}
