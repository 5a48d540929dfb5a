using EdgeDevices.Firmware.Device.Network;

namespace EdgeDevices.Firmware.Device.Tests.Network;

/// <summary>When a LoRaWAN device asks the network for the time, on its own.</summary>
public sealed class NetworkTimeScheduleTests
{
    [Fact]
    public void The_time_is_awaited_from_the_join_and_asked_again_a_day_after_each_answer()
    {
        var schedule = new NetworkTimeSchedule();
        Assert.True(schedule.Awaiting, "asked right after the join");
        Assert.False(schedule.DueAt(0));

        schedule.Answered(now: 1_000);
        Assert.True(schedule.EverSynced);
        Assert.False(schedule.Awaiting);
        Assert.False(schedule.DueAt(1_000 + NetworkTimeSchedule.IntervalMs - 1));
        Assert.True(schedule.DueAt(1_000 + NetworkTimeSchedule.IntervalMs));

        schedule.Asked(queued: true);
        Assert.True(schedule.Awaiting);
        Assert.False(schedule.DueAt(10 * NetworkTimeSchedule.IntervalMs));
    }

    [Fact]
    public void A_request_the_modem_could_not_queue_is_asked_again_at_once_until_the_time_is_known()
    {
        var schedule = new NetworkTimeSchedule();
        schedule.Asked(queued: false);
        Assert.False(schedule.Awaiting);
        Assert.False(schedule.EverSynced);
        Assert.True(schedule.DueAt(0), "never known: ask at the next transmission");
    }
}
