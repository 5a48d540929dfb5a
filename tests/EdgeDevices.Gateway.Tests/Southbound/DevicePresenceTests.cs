using EdgeDevices.Gateway.Southbound;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>Presence follows connections: an old connection reported closed late does not take a reconnected device offline.</summary>
public sealed class DevicePresenceTests
{
    [Fact]
    public void A_late_close_of_the_old_connection_leaves_the_reconnected_device_online_and_its_own_close_does_not()
    {
        var presence = new DevicePresence();
        presence.Online("sl-9001", DateTimeOffset.UnixEpoch, "127.0.0.1:40001");
        presence.Online("sl-9001", DateTimeOffset.UnixEpoch, "127.0.0.1:40002");

        presence.Offline("sl-9001", "127.0.0.1:40001");
        Assert.True(presence.IsOnline("sl-9001"));

        presence.Offline("sl-9001", "127.0.0.1:40002");
        Assert.False(presence.IsOnline("sl-9001"));
        Assert.Equal(0, presence.Count);
    }
}
