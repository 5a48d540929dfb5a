using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound.LoRaWan;

/// <summary>The ChirpStack integration against Debian's mosquitto, fed hand-made ChirpStack v4 events, good and bad.</summary>
[Trait("Category", "Integration")]
public sealed class ChirpStackTests
{
    private const string DevEui = "70b3d57ed0001234";
    private static readonly Guid Application = Guid.Parse("4a5e7c1b-2d3f-4e8a-9b0c-1d2e3f4a5b6c");

    [Fact]
    public void Uplink_events_default_what_protobuf_json_leaves_out_and_name_what_is_missing()
    {
        var minimal = UplinkEvent.Parse(Encoding.UTF8.GetBytes($$$"""{"deduplicationId":"{{{Guid.NewGuid()}}}","deviceInfo":{"devEui":"{{{DevEui.ToUpperInvariant()}}}"}}"""), out var rejection);
        Assert.Null(rejection);
        Assert.Equal(DevEui, minimal!.DevEui);
        Assert.Equal(0u, minimal.FCnt);
        Assert.Equal(0, minimal.FPort);
        Assert.False(minimal.Confirmed);
        Assert.Empty(minimal.Data);

        Assert.Equal("deduplicationId", Refusal("""{"deviceInfo":{"devEui":"70b3d57ed0001234"}}"""));
        Assert.Equal("deviceInfo.devEui", Refusal($$$"""{"deduplicationId":"{{{Guid.NewGuid()}}}"}"""));
        Assert.Equal("deviceInfo.devEui", Refusal($$$"""{"deduplicationId":"{{{Guid.NewGuid()}}}","deviceInfo":{"devEui":"xyz"}}"""));
        Assert.Equal("data", Refusal($$$"""{"deduplicationId":"{{{Guid.NewGuid()}}}","deviceInfo":{"devEui":"{{{DevEui}}}"},"fPort":1,"data":"%%%"}"""));
        Assert.Equal("fCnt/fPort/dr", Refusal($$$"""{"deduplicationId":"{{{Guid.NewGuid()}}}","deviceInfo":{"devEui":"{{{DevEui}}}"},"fCnt":-1}"""));
        Assert.Null(UplinkEvent.Parse("not json"u8, out rejection));
        Assert.StartsWith("not JSON", rejection!.Reason);
    }

    [Fact]
    public async Task Uplinks_are_ingested_once_and_bad_ones_quarantined_with_their_reason()
    {
        using var broker = MosquittoBroker.Start();
        await using var gateway = await StartAsync(broker);
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("aq-cs-1", DevEui);
        using var client = await ConnectAsync(broker);

        var frame = CompactCodec.Encode(Readings.AirQuality(1)).Concat(CompactCodec.Encode(Readings.AirQuality(2))).ToArray();
        var dedup = Guid.NewGuid();
        await UplinkAsync(client, DevEui, Event(dedup, DevEui, 1, frame));
        await UplinkAsync(client, DevEui, Event(dedup, DevEui, 1, frame));
        await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 1, frame));
        await Eventually.TrueAsync(() => Count(gateway, "duplicate") >= 1 && gateway.Store.Count(Lane.Bulk) >= 2);
        Assert.Equal(2, gateway.Store.Count(Lane.Bulk));

        await UplinkAsync(client, "70b3d57ed000ffff", Event(Guid.NewGuid(), "70b3d57ed000ffff", 1, frame));
        await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 1, [0x7B, 0x00, 0x01]));
        await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 7, frame));
        await UplinkAsync(client, DevEui, """{"deviceInfo":{"devEui":"70b3d57ed0001234"},"fPort":1,"data":"AQI="}""");
        await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 2, [1, 0, 0, 5]));
        await Eventually.TrueAsync(() => gateway.Store.Quarantined(10).Count >= 5);
        var reasons = gateway.Store.Quarantined(10).Select(q => $"{q.Field}: {q.Reason}").ToList();
        Assert.Contains(reasons, r => r.StartsWith("deviceInfo.devEui: unknown DevEUI 70b3d57ed000ffff", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("data: bytes 0–2 of the frame are not a compact message", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("fPort: port 7", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("deduplicationId:", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("data: fragment 0 of 0", StringComparison.Ordinal));
        Assert.Equal(2, gateway.Store.Count(Lane.Bulk));
    }

    [Fact]
    public async Task Fragments_survive_a_gateway_restart_and_make_one_message()
    {
        using var broker = MosquittoBroker.Start();
        var state = Directory.CreateTempSubdirectory("edgedevices-gateway-").FullName;
        var message = CompactCodec.Encode(Readings.AirQuality(9));
        var fragments = Enumerable.Range(0, 2).Select(i =>
        {
            var frame = new byte[11];
            return frame[..Fragments.Write(message, message.Length, 3, i, 2, frame)];
        }).ToList();

        await using (var gateway = await StartAsync(broker, state))
        {
            gateway.Services.GetRequiredService<LoRaWanDevices>().Register("aq-cs-2", DevEui);
            using var client = await ConnectAsync(broker);
            await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 2, fragments[1]));
            await Eventually.TrueAsync(() => Count(gateway, "fragment") >= 1);
        }

        await using (var gateway = await StartAsync(broker, state))
        {
            using var client = await ConnectAsync(broker);
            await UplinkAsync(client, DevEui, Event(Guid.NewGuid(), DevEui, 2, fragments[0]));
            await Eventually.TrueAsync(() => gateway.Store.Count(Lane.Bulk) >= 1);
            Assert.Equal(1, gateway.Store.Count(Lane.Bulk));
            Assert.Empty(gateway.Store.Quarantined(10));
        }
    }

    [Fact]
    public async Task Commands_to_a_lorawan_device_go_out_as_chirpstack_downlinks()
    {
        using var broker = MosquittoBroker.Start();
        await using var gateway = await StartAsync(broker);
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("sl-cs-1", DevEui);
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-cs-1", key);
        var downlinks = new List<JsonObject>();
        using var client = await ConnectAsync(broker);
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (downlinks)
            {
                downlinks.Add(JsonNode.Parse(e.ApplicationMessage.ConvertPayloadToString())!.AsObject());
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"application/{Application}/device/{DevEui}/command/down", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        queue.Enqueue("sl-cs-1", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 60 }, "override", TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => { lock (downlinks) { return downlinks.Count >= 1; } });
        JsonObject down;
        lock (downlinks)
        {
            down = downlinks[0];
        }

        Assert.Equal(DevEui, down["devEui"]!.GetValue<string>());
        Assert.Equal(LoRaPorts.Messages, down["fPort"]!.GetValue<int>());
        Assert.True(down["confirmed"]!.GetValue<bool>(), "confirmed, so ChirpStack's ack says the device has it");
        Assert.True(Guid.TryParse(down["id"]!.GetValue<string>(), out _), "the queue item named by the gateway");
        var command = (DeviceCommand)CompactCodec.Decode(Convert.FromBase64String(down["data"]!.GetValue<string>()));
        Assert.Equal(CommandKind.SetOverride, command.Kind);
        Assert.Equal(40, command.Level);
        Assert.True(new EdgeDevices.Firmware.Security.CommandMac(key).Verify("sl-cs-1", command), "signed with the device's key");

        // A schedule document does not fit one downlink: it goes in fragments that put together give its JSON form.
        var json = Encoding.UTF8.GetBytes(EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.Encode(new DeviceCommand { CommandId = 9, Kind = CommandKind.SetSchedule, Document = new string('x', 400) }));
        var parts = ChirpStackIntegration.Downlinks(new DeviceCommand { CommandId = 9, Kind = CommandKind.SetSchedule, Document = new string('x', 400) }, json).ToList();
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.Equal(LoRaPorts.Fragment, p.Port));
        Assert.All(parts, p => Assert.True(p.Data.Length <= LoRaWanRegions.DownlinkRoom("IN865", null)));
        var assembler = new FragmentAssembler();
        byte[]? whole = null;
        foreach (var part in parts)
        {
            whole = assembler.Add(part.Data, 0, part.Data.Length);
            Assert.Null(assembler.LastError);
        }

        Assert.Equal(json, whole);
    }

    private static string? Refusal(string json)
    {
        Assert.Null(UplinkEvent.Parse(Encoding.UTF8.GetBytes(json), out var rejection));
        return rejection!.Field;
    }

    private static double Count(TestGateway gateway, string result) =>
        gateway.Services.GetRequiredService<EdgeDevices.Gateway.Operations.GatewayMetrics>().LoRaWanUplinks.WithLabels(result).Value;

    // A gateway subscribed to ChirpStack's events (an event published before that would find no subscriber).
    private static async Task<TestGateway> StartAsync(MosquittoBroker broker, string? state = null)
    {
        var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["loRaWan:enabled"] = "true",
            ["loRaWan:host"] = "127.0.0.1",
            ["loRaWan:port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["loRaWan:applicationId"] = Application.ToString(),
        }, state);
        await Eventually.TrueAsync(() => gateway.Services.GetRequiredService<ChirpStackIntegration>().IsSubscribed);
        return gateway;
    }

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker broker)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("chirpstack-" + Guid.NewGuid().ToString("N")[..8]).Build());
        return client;
    }

    private static Task UplinkAsync(IMqttClient client, string devEui, string json) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"application/{Application}/device/{devEui}/event/up").WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    // As ChirpStack writes it: default values (fCnt 0, confirmed false, adr false) left out.
    private static string Event(Guid dedup, string devEui, int port, byte[] data) => new JsonObject
    {
        ["deduplicationId"] = dedup.ToString(),
        ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["deviceInfo"] = new JsonObject { ["applicationId"] = Application.ToString(), ["devEui"] = devEui, ["deviceName"] = "node" },
        ["devAddr"] = "01ab23cd",
        ["fCnt"] = 17,
        ["fPort"] = port,
        ["data"] = Convert.ToBase64String(data),
    }.ToJsonString();
}
