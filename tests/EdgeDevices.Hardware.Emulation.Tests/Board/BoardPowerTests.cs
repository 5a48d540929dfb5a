using EdgeDevices.Testing;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Hardware.Emulation.Tests.Board;

public sealed class BoardPowerTests
{
    [Fact]
    public void A_power_cut_ends_the_life_and_everything_it_opened()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var life = bench.Board.Life;
        var region = life.Files.OpenRegion("data", 64);
        region.Write(0, [1, 2, 3], 0, 3);
        bench.Board.CutPower();

        Assert.False(life.IsAlive);
        Assert.Throws<PowerLossException>(() => region.Write(0, [9], 0, 1));
        Assert.Throws<PowerLossException>(() => life.Clock.UptimeMilliseconds);
        Assert.Throws<PowerLossException>(() => life.Files.ReadText("config.json"));

        bench.Board.PowerOn();
        var again = new byte[3];
        bench.Board.Life.Files.OpenRegion("data", 64).Read(0, again, 0, 3);
        Assert.Equal([1, 2, 3], again);
        Assert.Equal(2, bench.Board.Boots);
    }

    [Fact]
    public void A_cut_set_on_a_flash_region_takes_the_whole_board_down_mid_write()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var region = bench.Board.Life.Files.OpenRegion("outbox", 128);
        bench.Board.Flash.CutPowerDuringWrite("outbox", 10);
        Assert.Throws<PowerLossException>(() => region.Write(0, new byte[32], 0, 32));
        Assert.False(bench.Board.IsPoweredOn);
    }

    [Fact]
    public void A_cut_armed_for_a_region_not_yet_created_strikes_once_the_firmware_has_written_that_much_to_it()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        bench.Board.Flash.CutPowerDuringFirstWrites("bundle-a", 100);
        var region = bench.Board.Life.Files.OpenRegion("bundle-a", 1024);
        region.Write(0, new byte[64], 0, 64);
        Assert.True(bench.Board.IsPoweredOn);
        Assert.Throws<PowerLossException>(() => region.Write(64, new byte[64], 0, 64));
        Assert.False(bench.Board.IsPoweredOn);

        // Armed once: after power returns the region takes every write.
        bench.Board.PowerOn();
        bench.Board.Life.Files.OpenRegion("bundle-a", 1024).Write(0, new byte[1024], 0, 1024);
        Assert.True(bench.Board.IsPoweredOn);
    }

    [Fact]
    public void The_rtc_survives_a_reboot_but_not_a_power_cut()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        Assert.Equal(1970, bench.Board.Life.Clock.UtcNow.Year);
        bench.Board.SetRtcFromNetwork();
        Assert.Equal(2026, bench.Board.Life.Clock.UtcNow.Year);

        bench.Board.Reboot();
        bench.Run(EmulatedBoard.RebootMilliseconds + 10);
        Assert.True(bench.Board.IsPoweredOn);
        Assert.Equal(2026, bench.Board.Life.Clock.UtcNow.Year);

        bench.Board.CutPower();
        bench.Board.PowerOn();
        Assert.Equal(1970, bench.Board.Life.Clock.UtcNow.Year);
    }

    [Fact]
    public void A_firmware_thread_that_throws_is_reported_as_a_crash()
    {
        var bench = new Bench();
        bench.Board.Firmware = () => throw new InvalidOperationException("boom");
        bench.Board.PowerOn();
        Eventually.True(() => bench.Board.Crashes.Count == 1);
        Assert.Contains("boom", bench.Board.Crashes[0].Message, StringComparison.Ordinal);
    }
}
