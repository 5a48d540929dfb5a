using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Core.Tests.Timing;

public sealed class UnixTimeTests
{
    [Fact]
    public void Unix_Time_Refuses_An_Unset_Clock()
    {
        Assert.Equal(0u, UnixTime.ToMessageTime(new DateTime(2023, 12, 31, 23, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(1704067200u, UnixTime.ToMessageTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), UnixTime.ToDateTime(1704067200));
    }
}
