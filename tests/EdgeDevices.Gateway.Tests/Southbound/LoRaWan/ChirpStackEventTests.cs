using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Chirpstack.Integration;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;
using EdgeDevices.Hardware.Emulation.LoRaWan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound.LoRaWan;

/// <summary>
/// The gateway and ChirpStack's events, through Debian's mosquitto, each event built from ChirpStack's own
/// integration.proto (vendored) in the protobuf JSON mapping ChirpStack publishes with <c>json=true</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChirpStackEventTests
{
    private const string DevEui = "70b3d57ed0005678";
    private static readonly Guid Application = Guid.Parse("4a5e7c1b-2d3f-4e8a-9b0c-1d2e3f4a5b6c");
    private static readonly Guid Tenant = Guid.Parse("52f14cd4-c6f1-4fbd-8f87-4025e1d49242");
    private static readonly DeviceInfo Info = ChirpStackEvents.Device(Tenant, Application, DevEui, "aq-node", "IN865");

    [Fact]
    public async Task Uplinks_sent_while_the_gateway_is_stopped_all_arrive()
    {
        using var broker = MosquittoBroker.Start();
        var state = Directory.CreateTempSubdirectory("edgedevices-gateway-").FullName;
        var gateway = await StartAsync(broker, state);
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("aq-cs-9", DevEui);
        using var chirpStack = await ConnectAsync(broker);
        TestGateway? restarted = null;
        try
        {
            // 200 uplinks, ten a second; the gateway stopped from the 50th to the 150th: ten seconds away.
            for (var i = 0; i < 200; i++)
            {
                if (i == 50)
                {
                    await gateway.DisposeAsync();
                }

                if (i == 150)
                {
                    restarted = await StartAsync(broker, state);
                }

                await PublishAsync(chirpStack, "up", Uplink(i, dataRate: 5));
                await Task.Delay(100);
            }

            var store = restarted!.Store;
            await Eventually.TrueAsync(() => store.Count(Lane.Bulk) >= 200, "200 readings stored", () => $"{store.Count(Lane.Bulk)} stored, {store.Quarantined(10).Count} quarantined");
            Assert.Equal(Enumerable.Range(0, 200), store.Read(Lane.Bulk, 0, 1000).Select(r => r.Sequence).Order());
            Assert.Empty(store.Quarantined(10));
            Assert.Empty(restarted.Services.GetRequiredService<EdgeDevices.Gateway.Operations.GatewayWarnings>().Active);
        }
        finally
        {
            if (restarted != null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Events_at_qos_0_raise_one_visible_warning()
    {
        using var broker = MosquittoBroker.Start();
        var logs = new CapturedLogs();
        await using var gateway = await StartAsync(broker, configure: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("aq-cs-8", DevEui);
        using var chirpStack = await ConnectAsync(broker);
        await PublishAsync(chirpStack, "up", Uplink(0), MqttQualityOfServiceLevel.AtMostOnce);
        await PublishAsync(chirpStack, "up", Uplink(1), MqttQualityOfServiceLevel.AtMostOnce);
        await Eventually.TrueAsync(() => gateway.Store.Count(Lane.Bulk) == 2, "both readings stored");

        using var http = gateway.Http();
        var warnings = (await http.GetFromJsonAsync<JsonObject>("healthz"))!["warnings"]!.AsArray();
        var warning = Assert.Single(warnings)!;
        Assert.Equal(ChirpStackIntegration.Qos0Warning, (string)warning["code"]!);
        Assert.Contains("qos=1", (string)warning["message"]!, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.Contains("QoS 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Txack_and_ack_settle_a_command_and_an_unconfirmed_downlink_goes_again_at_once()
    {
        using var broker = MosquittoBroker.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(broker, configure: s => s.AddSingleton<TimeProvider>(clock));
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("sl-cs-9", DevEui);
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-cs-9", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var chirpStack = await ConnectAsync(broker);
        var downlinks = await ListenForDownlinksAsync(chirpStack);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();

        queue.Enqueue("sl-cs-9", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 60 }, "override", TimeSpan.FromHours(6));
        await Eventually.TrueAsync(() => downlinks.Count == 1, "the command queued in ChirpStack");
        var down = downlinks.Single();
        Assert.True(down.Confirmed);
        Assert.True(Guid.TryParse(down.Id, out _), "the gateway names the queue item");
        Assert.Equal((uint)LoRaPorts.Messages, down.FPort);
        var record = queue.Latest("sl-cs-9", 1).Single();
        Assert.Null(record.TransmittedAt);

        await PublishAsync(chirpStack, "txack", ChirpStackEvents.TxAck(Info, clock.GetUtcNow(), down.Id, 3));
        await Eventually.TrueAsync(() => queue.Latest("sl-cs-9", 1).Single().TransmittedAt != null, "the transmission recorded");
        await PublishAsync(chirpStack, "ack", ChirpStackEvents.Ack(Info, clock.GetUtcNow(), down.Id, acknowledged: true, 3));
        await Eventually.TrueAsync(() => queue.Latest("sl-cs-9", 1).Single().DeliveredAt != null, "the delivery recorded");

        // Confirmed by the device: the dispatcher's retries queue nothing more; the device's own answer settles it.
        var attempts = queue.Latest("sl-cs-9", 1).Single().Attempts;
        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromHours(1));
        Assert.True(queue.Latest("sl-cs-9", 1).Single().Attempts > attempts, "the dispatcher tried the command again");
        Assert.Single(downlinks);
        Assert.Equal(CommandStatus.Pending, queue.Latest("sl-cs-9", 1).Single().Status);

        // A second command the device did not confirm goes again at the next attempt, not after the resend period.
        queue.Enqueue("sl-cs-9", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 70, DurationMinutes = 60 }, "override2", TimeSpan.FromHours(6));
        await Eventually.TrueAsync(() => downlinks.Count == 2, "the second command queued");
        var second = downlinks[1];
        await PublishAsync(chirpStack, "ack", ChirpStackEvents.Ack(Info, clock.GetUtcNow(), second.Id, acknowledged: false, 4));
        await Eventually.TrueAsync(() => History(gateway, "sl-cs-9").Any(h => h.Kind == "downlinkNotConfirmed"), "the lost downlink in the history");
        clock.Advance(TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => downlinks.Count == 3, "the unconfirmed command queued again");
        Assert.NotEqual(second.Id, downlinks[2].Id);
        Assert.Equal(second.Data, downlinks[2].Data);
    }

    [Fact]
    public async Task Status_feeds_the_devices_health_and_join_and_log_its_history()
    {
        using var broker = MosquittoBroker.Start();
        await using var gateway = await StartAsync(broker);
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("aq-cs-7", DevEui);
        using var chirpStack = await ConnectAsync(broker);
        await PublishAsync(chirpStack, "join", ChirpStackEvents.Join(Info, DateTimeOffset.UtcNow, "01ab23cd"));
        await PublishAsync(chirpStack, "up", Uplink(0, dataRate: 3, rssi: -104, snr: -2.5f));
        await PublishAsync(chirpStack, "status", ChirpStackEvents.Status(Info, DateTimeOffset.UtcNow, margin: 7, externalPower: false, batteryPercent: 87.5f));
        await PublishAsync(chirpStack, "log", ChirpStackEvents.Log(Info, DateTimeOffset.UtcNow, LogLevel.Warning, LogCode.UplinkFCntReset, "frame-counter reset", new Dictionary<string, string> { ["deduplication_id"] = Guid.NewGuid().ToString() }));

        using var http = gateway.Http();
        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<JsonObject>("api/devices/aq-cs-7"))!["loRaWan"]?["margin"] != null, "the status in the device's health");
        var link = (await http.GetFromJsonAsync<JsonObject>("api/devices/aq-cs-7"))!["loRaWan"]!;
        Assert.Equal(7, (int)link["margin"]!);
        Assert.Equal(87.5, (double)link["batteryPercent"]!);
        Assert.False((bool)link["externalPower"]!);
        Assert.Equal("IN865", (string)link["region"]!);
        Assert.Equal(3, (int)link["dataRate"]!);
        Assert.Equal(-104, (int)link["rssi"]!);

        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<JsonArray>("api/devices/aq-cs-7/history"))!.Count == 2, "join and log in the history");
        var history = (await http.GetFromJsonAsync<JsonArray>("api/devices/aq-cs-7/history"))!.Select(h => h!.AsObject()).ToList();
        Assert.Contains(history, h => (string)h["kind"]! == "join" && ((string)h["summary"]!).Contains("01ab23cd", StringComparison.Ordinal));
        Assert.Contains(history, h => (string)h["kind"]! == "log" && ((string)h["summary"]!).Contains("UPLINK_F_CNT_RESET", StringComparison.Ordinal));

        // Mains-powered: no battery figure.
        await PublishAsync(chirpStack, "status", ChirpStackEvents.Status(Info, DateTimeOffset.UtcNow, margin: 9, externalPower: true, batteryPercent: null));
        await Eventually.TrueAsync(async () => (int?)(await http.GetFromJsonAsync<JsonObject>("api/devices/aq-cs-7"))!["loRaWan"]!["margin"] == 9, "the second status");
        Assert.Null((await http.GetFromJsonAsync<JsonObject>("api/devices/aq-cs-7"))!["loRaWan"]!["batteryPercent"]);
    }

    [Fact]
    public async Task Downlinks_follow_the_data_rate_the_device_was_last_heard_at()
    {
        using var broker = MosquittoBroker.Start();
        await using var gateway = await StartAsync(broker);
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("sl-cs-8", DevEui);
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-cs-8", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var chirpStack = await ConnectAsync(broker);
        var downlinks = await ListenForDownlinksAsync(chirpStack);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        var document = new string('x', 700);

        // Heard at DR5 in IN865: 242-byte downlinks.
        await PublishAsync(chirpStack, "up", Uplink(0, dataRate: 5));
        await Eventually.TrueAsync(() => gateway.Store.Count(Lane.Bulk) == 1, "the uplink stored");
        queue.Enqueue("sl-cs-8", new DeviceCommand { Kind = CommandKind.SetSchedule, Document = document }, "schedule", TimeSpan.FromHours(6));
        // Every fragment of it: the first says how many there are.
        await Eventually.TrueAsync(() => downlinks.Count >= 1 && downlinks.Count >= downlinks[0].Data[2], "the schedule queued");
        var fast = downlinks.ToList();
        Assert.All(fast, d => Assert.True(d.Data.Length <= 242));
        Assert.Contains(fast, d => d.Data.Length > 115);
        Assert.Equal(fast[0].Data[2], fast.Count);

        // Heard again at DR0: 51-byte downlinks for the next command.
        await PublishAsync(chirpStack, "up", Uplink(1, dataRate: 0));
        await Eventually.TrueAsync(() => gateway.Store.Count(Lane.Bulk) == 2, "the second uplink stored");
        queue.Enqueue("sl-cs-8", new DeviceCommand { Kind = CommandKind.SetSchedule, Document = document + "y" }, "schedule", TimeSpan.FromHours(6));
        await Eventually.TrueAsync(() => downlinks.Count > fast.Count && downlinks.Count - fast.Count >= downlinks[fast.Count].Data[2], "the second schedule queued");
        var slow = downlinks.Skip(fast.Count).ToList();
        Assert.All(slow, d => Assert.True(d.Data.Length <= 51));
        Assert.True(slow.Count > fast.Count);
    }

    private static IReadOnlyList<EdgeDevices.Gateway.Southbound.DeviceHistoryEntry> History(TestGateway gateway, string deviceId) =>
        gateway.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.DeviceHistory>().Of(deviceId);

    private static string Uplink(int sequence, uint dataRate = 0, int rssi = -97, float snr = 6.5f) =>
        ChirpStackEvents.Uplink(Info, DateTimeOffset.UtcNow, Guid.NewGuid(), dataRate, (uint)sequence, (uint)LoRaPorts.Messages, false, true, CompactCodec.Encode(Readings.AirQuality(sequence)), "IN865", 865062500, 125000, 12 - dataRate, rssi, snr);

    // A gateway subscribed to ChirpStack's events (an event published before that would find no subscriber).
    private static async Task<TestGateway> StartAsync(MosquittoBroker broker, string? state = null, Action<IServiceCollection>? configure = null)
    {
        var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?>
            {
                ["loRaWan:enabled"] = "true",
                ["loRaWan:host"] = "127.0.0.1",
                ["loRaWan:port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["loRaWan:applicationId"] = Application.ToString(),
            },
            state,
            configure);
        await Eventually.TrueAsync(() => gateway.Services.GetRequiredService<ChirpStackIntegration>().IsSubscribed, "the gateway subscribed to ChirpStack's events");
        return gateway;
    }

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker broker)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("chirpstack-" + Guid.NewGuid().ToString("N")[..8]).Build());
        return client;
    }

    private static Task PublishAsync(IMqttClient client, string kind, string json, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(ChirpStackEvents.Topic(Application, DevEui, kind)).WithPayload(json).WithQualityOfServiceLevel(qos).Build());

    // The downlink commands the gateway queues, read as ChirpStack reads them.
    private static async Task<List<DownlinkCommand>> ListenForDownlinksAsync(IMqttClient client)
    {
        var downlinks = new List<DownlinkCommand>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var command = ChirpStackEvents.ParseDownlink(e.ApplicationMessage.ConvertPayloadToString());
            Assert.NotNull(command);
            lock (downlinks)
            {
                downlinks.Add(command);
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"application/{Application}/device/{DevEui}/command/down", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return downlinks;
    }
}
