using EdgeDevices.Testing;
using EdgeDevices.Firmware.Timing;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Hardware.Emulation.Tests.Timing;

public sealed class VirtualClockTests
{
    private static readonly DateTime Start = new(2026, 6, 21, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Sleepers_Wake_Only_When_Time_Reaches_Them()
    {
        var clock = new VirtualClock(Start);
        using var woke = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            clock.Sleep(60_000);
            woke.Set();
        });
        thread.Start();
        Eventually.True(() => clock.SleepingThreads == 1);

        clock.Advance(59_999);
        Assert.False(woke.Wait(50));
        Assert.Equal(60_000, clock.NextWakeUptime);

        clock.Advance(1);
        Assert.True(woke.Wait(5000));
        Assert.Equal(0, clock.SleepingThreads);
        thread.Join();
    }

    [Fact]
    public void RunFor_Drives_Device_Threads_Through_Hours_Of_Virtual_Time()
    {
        var clock = new VirtualClock(Start);
        var ticks = 0;
        var minutes = 0;
        clock.StartThread(() =>
        {
            for (var i = 0; i < 3600; i++)
            {
                clock.Sleep(1000);
                Interlocked.Increment(ref ticks);
            }
        });
        clock.StartThread(() =>
        {
            for (var i = 0; i < 60; i++)
            {
                clock.Sleep(60_000);
                Interlocked.Increment(ref minutes);
            }
        });

        Assert.True(clock.RunFor(3600_000, 5000));

        Assert.True(clock.WaitUntilAllWaiting(5000));
        Assert.Equal(3600, Volatile.Read(ref ticks));
        Assert.Equal(60, Volatile.Read(ref minutes));
        Assert.Equal(Start.AddHours(1), clock.UtcNow);
    }

    [Fact]
    public void A_Busy_Thread_Holds_Virtual_Time_Still()
    {
        var clock = new VirtualClock(Start);
        using var release = new ManualResetEventSlim();
        clock.StartThread(() => release.Wait());

        Assert.False(clock.RunFor(60_000, 200));
        Assert.Equal(0, clock.UptimeMilliseconds);

        release.Set();
        Assert.True(clock.RunFor(60_000, 5000));
    }

    [Fact]
    public void A_Wait_Ends_Early_When_Its_Handle_Is_Signalled()
    {
        var clock = new VirtualClock(Start);
        using var signal = new ManualResetEvent(false);
        bool? result = null;
        clock.StartThread(() =>
        {
            result = clock.WaitFor(signal, 3_600_000);
            signal.Reset();
        });
        Assert.True(clock.WaitUntilAllWaiting(5000));

        signal.Set();
        Assert.True(clock.RunFor(1000, 5000));

        Assert.True(result);
        Assert.Equal(1000, clock.UptimeMilliseconds);
    }

    [Fact]
    public void A_Wait_Times_Out_In_Virtual_Time()
    {
        var clock = new VirtualClock(Start);
        using var never = new ManualResetEvent(false);
        bool? result = null;
        clock.StartThread(() => result = clock.WaitFor(never, 30_000));

        Assert.True(clock.RunFor(29_999, 5000));
        Assert.Null(result);
        Assert.True(clock.RunFor(1, 5000));
        Assert.True(clock.WaitUntilAllWaiting(5000));
        Assert.False(result);
    }

    [Fact]
    public void A_Night_Passes_In_No_Time()
    {
        var clock = new VirtualClock(Start);

        clock.Advance(12 * 3600 * 1000L);

        Assert.Equal(Start.AddHours(12), clock.UtcNow);
        Assert.Equal(12 * 3600 * 1000L, clock.UptimeMilliseconds);
    }

    [Fact]
    public void Setting_The_Wall_Clock_Keeps_Uptime()
    {
        var clock = new VirtualClock(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        clock.Advance(5000);

        clock.SetUtc(Start);
        clock.Advance(1000);

        Assert.Equal(Start.AddSeconds(1), clock.UtcNow);
        Assert.Equal(6000, clock.UptimeMilliseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
    }

}
