using System.Net.Sockets;
using System.Text;
using EdgeDevices.Fleet.Observation;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.Networking;

namespace EdgeDevices.Firmware.Host.Tests;

/// <summary>The Wi-Fi helper and M2Mqtt stand-ins keep nanoFramework's behaviour against a real broker.</summary>
[Trait("Category", "Integration")]
public sealed class NetworkStandInTests
{
    private const string Ssid = "city-iot";
    private const string Password = "correct horse battery";

    [Fact]
    public void The_client_constructor_resolves_the_broker_name_and_fails_without_a_network()
    {
        using var broker = MosquittoBroker.Start();
        using var device = new OnBoard();
        device.World.Network.AddAccessPoint(Ssid, Password);
        device.World.Network.AddHost("gateway.local", broker.Address);

        Assert.Throws<SocketException>(() => device.Run(() => new MqttClient("gateway.local", broker.Port, false, null, null, MqttSslProtocols.None)));

        Join(device);
        Assert.Throws<SocketException>(() => device.Run(() => new MqttClient("no-such-host.local", broker.Port, false, null, null, MqttSslProtocols.None)));
        var client = device.Run(() => new MqttClient("gateway.local", broker.Port, false, null, null, MqttSslProtocols.None));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_lost_connection_is_reported_once_is_not_restored_and_fires_the_last_will()
    {
        using var broker = MosquittoBroker.Start();
        using var device = new OnBoard("dev-lwt");
        device.World.Network.AddAccessPoint(Ssid, Password);
        device.World.Network.AddHost("gateway.local", broker.Address);
        Join(device);
        await using var observer = await BrokerObserver.ConnectAsync("127.0.0.1", broker.Port);

        var closed = 0;
        var published = new List<MqttMsgPublishedEventArgs>();
        var client = device.Run(() =>
        {
            var c = new MqttClient("gateway.local", broker.Port, false, null, null, MqttSslProtocols.None);
            c.ConnectionClosed += (_, _) => Interlocked.Increment(ref closed);
            c.MqttMsgPublished += (_, e) =>
            {
                lock (published)
                {
                    published.Add(e);
                }
            };
            Assert.Equal(MqttReasonCode.Success, c.Connect("dev-lwt", null, null, true, MqttQoSLevel.AtLeastOnce, true, "edge/dev-lwt/status", "offline", true, 60));
            return c;
        });

        var id = device.Run(() => client.Publish("edge/dev-lwt/telemetry", Encoding.UTF8.GetBytes("{}"), null, null, MqttQoSLevel.AtLeastOnce, false));
        Eventually.True(() => { lock (published) { return published.Any(p => p.MessageId == id && p.IsPublished); } }, () => "no PUBACK event");

        device.Board.Wifi.DropLink();
        Eventually.True(() => Volatile.Read(ref closed) > 0, () => "ConnectionClosed not raised");
        Assert.NotNull(await observer.WaitForAsync(m => m.Topic == "edge/dev-lwt/status" && m.Text == "offline", Eventually.HangLimit));

        device.Board.Wifi.RestoreLink();
        Thread.Sleep(3000);
        Assert.False(client.IsConnected, "M2Mqtt does not reconnect by itself");
        Assert.Equal(1, Volatile.Read(ref closed));
    }

    [Fact]
    public async Task Messages_queued_on_a_closed_client_are_dropped_and_subscriptions_are_not_restored()
    {
        using var broker = MosquittoBroker.Start();
        using var device = new OnBoard("dev-queue");
        device.World.Network.AddAccessPoint(Ssid, Password);
        device.World.Network.AddHost("gateway.local", broker.Address);
        Join(device);
        await using var observer = await BrokerObserver.ConnectAsync("127.0.0.1", broker.Port);

        var received = new List<string>();
        var subacks = 0;
        var client = device.Run(() =>
        {
            var c = new MqttClient("gateway.local", broker.Port, false, null, null, MqttSslProtocols.None);
            c.MqttMsgPublishReceived += (_, e) =>
            {
                lock (received)
                {
                    received.Add(e.Topic);
                }
            };
            c.MqttMsgSubscribed += (_, _) => Interlocked.Increment(ref subacks);
            c.Connect("dev-queue");
            c.Subscribe(["edge/dev-queue/commands"], [MqttQoSLevel.AtLeastOnce]);
            return c;
        });
        Eventually.True(() => Volatile.Read(ref subacks) == 1, () => "no SUBACK");

        device.Run(client.Close);
        device.Run(() => client.Publish("edge/dev-queue/telemetry", Encoding.UTF8.GetBytes("lost"), null, null, MqttQoSLevel.AtLeastOnce, false));
        device.Run(() => client.Connect("dev-queue"));
        device.Run(() => client.Publish("edge/dev-queue/telemetry", Encoding.UTF8.GetBytes("after"), null, null, MqttQoSLevel.AtLeastOnce, false));
        Assert.NotNull(await observer.WaitForAsync(m => m.Text == "after", Eventually.HangLimit));
        Assert.DoesNotContain(observer.Messages, m => m.Text == "lost");

        // A barrier instead of a wait: the broker has taken "ping" before the device subscribes to the barrier
        // topic, and one socket delivers in order, so had the old subscription come back, "ping" would be here first.
        await Publish(broker, "edge/dev-queue/commands", "ping");
        device.Run(() => client.Subscribe(["edge/dev-queue/barrier"], [MqttQoSLevel.AtLeastOnce]));
        Eventually.True(() => Volatile.Read(ref subacks) == 2, () => "no SUBACK for the barrier");
        await Publish(broker, "edge/dev-queue/barrier", "barrier");
        Eventually.True(() => { lock (received) { return received.Count > 0; } }, () => "the barrier did not arrive");
        lock (received)
        {
            Assert.Equal(["edge/dev-queue/barrier"], received);
        }
    }

    [Fact]
    public void The_network_helper_can_be_set_up_once_until_reset()
    {
        using var device = new OnBoard();
        device.World.Network.AddAccessPoint(Ssid, Password);
        Join(device);
        Assert.Throws<InvalidOperationException>(() => device.Run(() => WifiNetworkHelper.SetupNetworkHelper(Ssid, Password)));
        device.Run(WifiNetworkHelper.Reset);
        Join(device);
    }

    private static void Join(OnBoard device)
    {
        device.Run(() => WifiNetworkHelper.SetupNetworkHelper(Ssid, Password));
        Assert.True(device.Run(() => WifiNetworkHelper.NetworkReady.WaitOne(10_000)), "Wi-Fi never came up");
        Assert.Equal(NetworkHelperStatus.NetworkIsReady, device.Run(() => WifiNetworkHelper.Status));
    }

    private static async Task Publish(MosquittoBroker broker, string topic, string text)
    {
        using var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build());
        await client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(text).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions());
    }
}
