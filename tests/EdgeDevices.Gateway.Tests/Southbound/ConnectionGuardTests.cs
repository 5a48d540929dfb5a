using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>Hostile clients on the street network: connection floods, password guessing, a stuffed retained store.</summary>
[Trait("Category", "Integration")]
public sealed class ConnectionGuardTests
{
    [Fact]
    public void Failed_logins_block_the_address_for_a_minute_doubling_while_it_keeps_trying_and_other_addresses_are_untouched()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var guard = new ConnectionGuard(new EmbeddedBrokerOptions { FailedLoginsPerAddress = 3 }, clock);
        for (var i = 0; i < 2; i++)
        {
            guard.Failed("10.0.0.66");
        }

        Assert.Null(guard.Refusal("10.0.0.66"));
        guard.Failed("10.0.0.66");
        Assert.StartsWith("too many failed logins", guard.Refusal("10.0.0.66"), StringComparison.Ordinal);
        Assert.Null(guard.Refusal("10.0.0.7"));

        // Trying on while blocked doubles the wait: 2 minutes from this failure, not 1.
        clock.Advance(TimeSpan.FromSeconds(30));
        guard.Failed("10.0.0.66");
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.NotNull(guard.Refusal("10.0.0.66"));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(guard.Refusal("10.0.0.66"));

        // A success from the address does not wipe its record (one stolen credential buys no more guesses).
        guard.Failed("10.0.0.9");
        guard.Failed("10.0.0.9");
        guard.Connected("sl-0001", "10.0.0.9");
        guard.Failed("10.0.0.9");
        Assert.NotNull(guard.Refusal("10.0.0.9"));
    }

    [Fact]
    public void Connections_are_capped_in_total_and_per_address_and_a_leaving_client_frees_its_place()
    {
        var guard = new ConnectionGuard(new EmbeddedBrokerOptions { MaxConnections = 3, MaxConnectionsPerAddress = 2 }, TimeProvider.System);
        guard.Connected("a", "10.0.0.1");
        guard.Connected("b", "10.0.0.1");
        Assert.Contains("2 connections from this address", guard.Refusal("10.0.0.1"), StringComparison.Ordinal);
        Assert.Null(guard.Refusal("10.0.0.2"));
        guard.Connected("c", "10.0.0.2");
        Assert.Contains("maximum of 3", guard.Refusal("10.0.0.3"), StringComparison.Ordinal);

        // The same client reconnecting takes one place, not two; leaving frees it.
        guard.Connected("c", "10.0.0.2");
        guard.Disconnected("b");
        Assert.Null(guard.Refusal("10.0.0.1"));
    }

    [Fact]
    public void The_late_close_of_a_replaced_connection_frees_no_place()
    {
        // MQTTnet may report a client's old connection closed after its new one is up.
        var guard = new ConnectionGuard(new EmbeddedBrokerOptions { MaxConnections = 10, MaxConnectionsPerAddress = 1 }, TimeProvider.System);
        guard.Connected("sl-0001", "10.0.0.1", "10.0.0.1:40001");
        guard.Connected("sl-0001", "10.0.0.1", "10.0.0.1:40002");
        guard.Disconnected("sl-0001", "10.0.0.1:40001");
        Assert.NotNull(guard.Refusal("10.0.0.1"));

        guard.Disconnected("sl-0001", "10.0.0.1:40002");
        Assert.Null(guard.Refusal("10.0.0.1"));
    }

    [Fact]
    public void Open_sockets_are_capped_before_login_and_a_blocked_address_is_dropped_before_a_TLS_handshake()
    {
        var guard = new ConnectionGuard(new EmbeddedBrokerOptions { MaxConnections = 3, MaxConnectionsPerAddress = 2, FailedLoginsPerAddress = 1 }, TimeProvider.System);
        Assert.Null(guard.SocketOpened("10.0.0.1", dropBlocked: false));
        Assert.Null(guard.SocketOpened("10.0.0.1", dropBlocked: false));
        Assert.Contains("2 connections from this address", guard.SocketOpened("10.0.0.1", dropBlocked: false), StringComparison.Ordinal);
        Assert.Null(guard.SocketOpened("10.0.0.2", dropBlocked: false));
        Assert.Contains("maximum of 3", guard.SocketOpened("10.0.0.3", dropBlocked: false), StringComparison.Ordinal);
        guard.SocketClosed("10.0.0.1");
        Assert.Null(guard.SocketOpened("10.0.0.1", dropBlocked: false));

        // Blocked after a failed login: on TLS dropped at once; on plain TCP let in to be told "banned" at its CONNECT.
        guard.SocketClosed("10.0.0.2");
        guard.Failed("10.0.0.2");
        Assert.StartsWith("too many failed logins", guard.SocketOpened("10.0.0.2", dropBlocked: true), StringComparison.Ordinal);
        Assert.Null(guard.SocketOpened("10.0.0.2", dropBlocked: false));
    }

    [Fact]
    public async Task Against_the_running_gateway_guessing_is_banned_and_a_device_keeps_only_its_presence_retained()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["southbound:embedded:failedLoginsPerAddress"] = "5" });
        gateway.Registry.Register("sl-0901", "the-right-password-1");
        var codes = new List<MqttClientConnectResultCode>();
        for (var i = 0; i < 7; i++)
        {
            codes.Add(await ConnectCode(gateway.BrokerPort, "sl-0901", "guess-" + i));
        }

        Assert.All(codes.Take(5), c => Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, c));
        Assert.All(codes.Skip(5), c => Assert.Equal(MqttClientConnectResultCode.Banned, c));

        // Even the right password waits out the block: guessing must not be able to find it meanwhile.
        Assert.Equal(MqttClientConnectResultCode.Banned, await ConnectCode(gateway.BrokerPort, "sl-0901", "the-right-password-1"));

        await using var other = await TestGateway.StartAsync();
        await using var device = await other.DeviceAsync("sl-0902");
        foreach (var (channel, payload) in new[] { (Firmware.Messages.MqttTopics.Telemetry, new byte[40]), (Firmware.Messages.MqttTopics.Status, new byte[2000]), (Firmware.Messages.MqttTopics.Status, "online"u8.ToArray()) })
        {
            await device.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Firmware.Messages.MqttTopics.For("sl-0902", channel)).WithPayload(payload).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        var broker = other.Services.GetService(typeof(EmbeddedBrokerService)) as EmbeddedBrokerService;
        var retained = await broker!.Server!.GetRetainedMessagesAsync();
        var kept = Assert.Single(retained);
        Assert.Equal(Firmware.Messages.MqttTopics.For("sl-0902", Firmware.Messages.MqttTopics.Status), kept.Topic);
        Assert.Equal("online", System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(kept.Payload)));
    }

    private static async Task<MqttClientConnectResultCode> ConnectCode(int port, string deviceId, string password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(deviceId).WithCredentials(deviceId, password).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build();
        // MQTTnet 5 returns a refusal as the result (as TestDevice relies on), it does not throw it.
        var result = await client.ConnectAsync(options);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        return result.ResultCode;
    }
}
