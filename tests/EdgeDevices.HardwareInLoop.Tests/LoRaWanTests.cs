using System.Globalization;
using System.Net.Http.Json;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.LoRaWan;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// The LoRaWAN path end to end on a virtual clock: the real firmware drives an emulated AT modem, an
/// emulated ChirpStack publishes its uplink events to Debian's mosquitto, the gateway's ChirpStack
/// integration takes them from there and forwards to a platform sink on the same broker, and commands go
/// back as downlinks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoRaWanTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 21, 13, 0, 0, DateTimeKind.Utc);
    private readonly Guid _application = Guid.NewGuid();
    private readonly List<(string Topic, string Payload)> _platform = [];
    private MosquittoBroker _broker = null!;
    private IMqttClient _observer = null!;

    public async Task InitializeAsync()
    {
        _broker = MosquittoBroker.Start();
        _observer = new MqttClientFactory().CreateMqttClient();
        _observer.ApplicationMessageReceivedAsync += e =>
        {
            lock (_platform)
            {
                _platform.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            }

            return Task.CompletedTask;
        };
        await _observer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("platform").Build());
        await _observer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("city/edge/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async Task DisposeAsync()
    {
        await _observer.DisconnectAsync();
        _observer.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task An_air_quality_node_and_a_street_light_work_over_lorawan_end_to_end()
    {
        await using var bench = await StartAsync();
        await using var chirpStack = await ChirpStackEmulator.StartAsync("127.0.0.1", _broker.Port, bench.Clock, _application);
        bench.World.LoRa = chirpStack;
        await bench.PutStreetAsync("sl-lora-1");

        var node = bench.AddLoRaWan<AirQualityDevice>(DeviceRole.AirQuality, "aq-lora-1", chirpStack, s => s with { TelemetryIntervalSeconds = 300, WarmUpSeconds = 0, SamplesPerCycle = 1 });
        var light = bench.AddLoRaWan<StreetLightDevice>(DeviceRole.StreetLight, "sl-lora-1", chirpStack, s => s with { TelemetryIntervalSeconds = 600, Latitude = 51.1694, Longitude = 71.4491 });
        node.Modem!.NetworkDataRate = 5;
        light.Modem!.NetworkDataRate = 5;
        node.Pms5003!.Pm25 = 35;
        node.PowerOn();
        light.PowerOn();

        // Uplink: the node's readings reach the platform through modem, ChirpStack and the gateway.
        Assert.True(bench.RunUntil(() => Platform("aq-lora-1", "telemetry").Count >= 2, TimeSpan.FromMinutes(20)), Radio(bench, node, chirpStack));
        var reading = (AirQualityReading)JsonCodec.Decode(Platform("aq-lora-1", "telemetry")[0]);
        Assert.Equal(35, reading.Pm25);
        Assert.Equal("IN865", node.Modem.Region);
        Assert.All(node.Modem.Sent, f => Assert.True(f.Data.Length <= 242));

        // Downlink: the schedule (a JSON document of several hundred bytes) arrives in fragments and is acknowledged.
        Assert.True(
            bench.RunUntil(() => bench.Get("/api/lighting/schedules").AsArray().Any(s => s!["deviceId"]!.GetValue<string>() == "sl-lora-1" && s["ackedVersion"]!.GetValue<int>() > 0), TimeSpan.FromMinutes(60)),
            "the lamp acknowledged its schedule over LoRaWAN" + bench.Get("/api/commands?device=sl-lora-1").ToJsonString() + Radio(bench, light, chirpStack));

        // A dimming override goes down as one compact frame and is acknowledged.
        bench.RunTo(new DateTime(2026, 12, 21, 16, 0, 0, DateTimeKind.Utc), 60_000);
        Assert.True(light.Luminaire.LightPercent > 90, $"lit at 21:00 local: {light.Luminaire.LightPercent} %");
        var response = await bench.Http.PostAsJsonAsync("/api/lighting/overrides", new { target = "lamp:sl-lora-1", level = 40, minutes = 60 });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.True(bench.RunUntil(() => Math.Abs(light.Luminaire.LightPercent - 40) < 2, TimeSpan.FromMinutes(30)), bench.Get("/api/commands?device=sl-lora-1").ToJsonString() + Radio(bench, light, chirpStack));
        Assert.True(bench.RunUntil(() => bench.Get("/api/commands?device=sl-lora-1")[0]!["status"]!.GetValue<string>() == "acknowledged", TimeSpan.FromMinutes(30)), Radio(bench, light, chirpStack));
        Assert.Contains(light.Modem.Sent, f => f.FPort == LoRaPorts.Messages);
        Assert.Equal(0, chirpStack.RefusedDownlinks);

        // A failed lamp: the alarm goes as a confirmed uplink and is raised at the gateway.
        light.Luminaire.Fault = EdgeDevices.Hardware.Emulation.Parts.Luminaire.LuminaireFault.OpenLamp;
        Assert.True(bench.RunUntil(() => bench.Get("/api/alarms?device=sl-lora-1").AsArray().Any(a => a!["code"]!.GetValue<string>() == "lampFailure"), TimeSpan.FromMinutes(10)), Radio(bench, light, chirpStack));
        Assert.Contains(light.Modem.Sent, f => f.Confirmed && Messages(f).OfType<DeviceEvent>().Any(e => e.Code == EventCode.LampFailure && e.Raised));

        // The devices kept to their duty cycle (1 %): each transmission followed by 99 times its airtime off.
        foreach (var modem in new[] { node.Modem, light.Modem })
        {
            var sent = modem.Transmissions;
            for (var i = 1; i < sent.Count; i++)
            {
                Assert.True(sent[i].At - sent[i - 1].At >= sent[i - 1].AirtimeMs * 100 - 50, $"transmission {i} only {sent[i].At - sent[i - 1].At} ms after one of {sent[i - 1].AirtimeMs} ms");
            }
        }

        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_message_larger_than_the_uplink_room_is_split_and_one_with_no_room_waits_for_an_empty_frame()
    {
        await using var bench = await StartAsync();
        await using var chirpStack = await ChirpStackEmulator.StartAsync("127.0.0.1", _broker.Port, bench.Clock, _application);
        bench.World.LoRa = chirpStack;

        // AS923 with its dwell-time limit: 11 bytes of room at DR2, less than a 16-byte reading.
        var node = bench.AddLoRaWan<AirQualityDevice>(DeviceRole.AirQuality, "aq-lora-room", chirpStack, s => s with
        {
            TelemetryIntervalSeconds = 600,
            WarmUpSeconds = 0,
            SamplesPerCycle = 1,
            LoRaWan = EdgeDevices.Fleet.Provisioning.LoRaWanSpec.For("aq-lora-room") with { Region = "AS923" },
        });
        node.PowerOn();
        Assert.True(bench.RunUntil(() => node.Modem!.Sent.Count(f => f.FPort == LoRaPorts.Fragment) >= 2, TimeSpan.FromMinutes(30)), Radio(bench, node, chirpStack));
        var modem = node.Modem!;
        Assert.Equal("AS923", modem.Region);
        Assert.All(modem.Sent, f => Assert.True(f.Data.Length <= 11, $"a frame of {f.Data.Length} B at DR2"));

        // The fragments of one reading, put back together, are the reading the platform got.
        var first = modem.Sent.Where(f => f.FPort == LoRaPorts.Fragment).ToList();
        var message = first.Where(f => f.Data[0] == first[0].Data[0]).OrderBy(f => f.Data[1]).ToList();
        Assert.Equal(message[0].Data[2], message.Count);
        var whole = EdgeDevices.Firmware.Codec.Compact.CompactCodec.Decode([.. message.SelectMany(f => f.Data.Skip(Fragments.HeaderSize))]);
        Assert.True(
            bench.RunUntil(() => Platform("aq-lora-room", MqttTopics.ChannelFor(whole.Type)).Select(p => JsonCodec.Decode(p)).Any(m => m.BootId == whole.BootId && m.Sequence == whole.Sequence), TimeSpan.FromMinutes(30)),
            "the platform got the message put back together" + Radio(bench, node, chirpStack));

        // The modem owes the network 15 bytes of MAC answers: no room at all. An empty frame carries them first.
        var before = modem.Sent.Count;
        modem.PendingMacBytes = 15;
        Assert.True(bench.RunUntil(() => modem.Sent.Skip(before).SkipWhile(f => f.FPort != 0).Any(f => f.FPort == LoRaPorts.Fragment), TimeSpan.FromMinutes(30)), Radio(bench, node, chirpStack));

        // Every reading arrived whole (it decodes) and once.
        Assert.True(bench.RunUntil(() => bench.Gateway.Store.Lag("mqtt") == 0 && Platform("aq-lora-room", "telemetry").Count >= 3, TimeSpan.FromMinutes(60)), Radio(bench, node, chirpStack));
        var readings = Platform("aq-lora-room", "telemetry").Select(p => JsonCodec.Decode(p)).ToList();
        Assert.Equal(readings.Count, readings.Select(m => (m.BootId, m.Sequence)).Distinct().Count());
        Assert.Equal(0, bench.Gateway.Quarantined);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Readings_sent_while_the_network_was_out_of_reach_are_sent_again_and_none_is_lost()
    {
        await using var bench = await StartAsync();
        await using var chirpStack = await ChirpStackEmulator.StartAsync("127.0.0.1", _broker.Port, bench.Clock, _application);
        bench.World.LoRa = chirpStack;
        var node = bench.AddLoRaWan<AirQualityDevice>(DeviceRole.AirQuality, "aq-lora-gap", chirpStack, s => s with { TelemetryIntervalSeconds = 300, WarmUpSeconds = 0, SamplesPerCycle = 1 });
        node.Modem!.NetworkDataRate = 5;
        node.PowerOn();
        Assert.True(bench.RunUntil(() => Platform("aq-lora-gap", "telemetry").Count >= 2, TimeSpan.FromMinutes(30)), Radio(bench, node, chirpStack));

        // Two hours without coverage: the device cannot tell from its unconfirmed frames, but the next
        // confirmed one goes unanswered.
        chirpStack.InCoverage = false;
        var sentBefore = node.Modem.Sent.Count;
        bench.RunTo(bench.Clock.UtcNow.AddHours(2), 60_000);
        Assert.True(node.Modem.Sent.Count > sentBefore, "the device kept sending into the void");
        chirpStack.InCoverage = true;

        // Back in coverage: every message of the device reaches the platform, with no gap in its sequence.
        Assert.True(
            bench.RunUntil(() => Gaps(AllOf("aq-lora-gap")) == 0 && Platform("aq-lora-gap", "telemetry").Count >= 26, TimeSpan.FromHours(3), 10_000),
            $"{Gaps(AllOf("aq-lora-gap"))} message(s) missing" + Radio(bench, node, chirpStack));
        Assert.Contains("go again", string.Join('\n', node.Board.LogLines));
        Assert.True(bench.Gateway.Metrics.Duplicates.Value > 0, "what had arrived before the outage came again and was dropped as duplicate");
        var delivered = AllOf("aq-lora-gap");
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Uplinks_the_network_server_delivers_twice_reach_the_platform_once()
    {
        await using var bench = await StartAsync();
        await using var chirpStack = await ChirpStackEmulator.StartAsync("127.0.0.1", _broker.Port, bench.Clock, _application);
        chirpStack.DeliveriesPerUplink = 2;
        bench.World.LoRa = chirpStack;
        var meter = bench.AddLoRaWan<MeterDevice>(DeviceRole.Meter, "m-lora-dup", chirpStack, s => s with { TelemetryIntervalSeconds = 300 });
        meter.Modem!.NetworkDataRate = 5;
        meter.S0[0].SetRate(60);
        meter.PowerOn();
        // A household meter: the platform knows it by its pseudonym only.
        var household = bench.Gateway.Services.GetRequiredService<EdgeDevices.Gateway.Privacy.Pseudonyms>().Public("m-lora-dup");
        Assert.StartsWith("hh-", household);
        Assert.True(bench.RunUntil(() => Platform(household, "telemetry").Count >= 4, TimeSpan.FromMinutes(40)), Radio(bench, meter, chirpStack));

        // And the last uplink again, re-processed under a new deduplication id. A barrier instead of a wait: the
        // integration takes ChirpStack's events in order and the sink delivers a lane in order, so once a newer
        // reading has reached the platform, the replay has been through too (as a duplicate, or wrongly as new).
        var telemetryBefore = Platform(household, "telemetry").Count;
        chirpStack.ReplayLastUplink(LoRaWanSpecFor("m-lora-dup"));
        Assert.True(bench.RunUntil(() => Platform(household, "telemetry").Count > telemetryBefore, TimeSpan.FromMinutes(40)), Radio(bench, meter, chirpStack));

        var delivered = Platform(household, "telemetry").Concat(Platform(household, "events")).Concat(Platform(household, "state")).ToList();
        Assert.True(delivered.Count >= 4);
        var keys = delivered.Select(p => JsonCodec.Decode(p)).Select(m => (m.BootId, m.Sequence)).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.True(chirpStack.Published >= 2 * meter.Modem.Sent.Count, "every uplink was published twice");
        var duplicates = bench.Gateway.Metrics.LoRaWanUplinks.WithLabels("duplicate").Value + bench.Gateway.Metrics.Duplicates.Value;
        Assert.True(duplicates >= meter.Modem.Sent.Count, $"{duplicates} duplicates dropped for {meter.Modem.Sent.Count} uplinks");
        Assert.Empty(bench.Crashes());
    }

    // The radio side of a device, for an assertion's message.
    private static string Radio(GatewayBench bench, EmulatedDevice device, ChirpStackEmulator network)
    {
        var sent = device.Modem!.Sent;
        var metrics = bench.Gateway.Metrics.LoRaWanUplinks;
        var results = string.Join(", ", metrics.GetAllLabelValues().Select(l => $"{l[0]}={metrics.WithLabels(l).Value}"));
        return $"\nmodem: joined {device.Modem.IsJoined}, DR{device.Modem.DataRate}, {sent.Count} frame(s) sent: "
            + string.Join(" ", sent.TakeLast(12).Select(f => $"[fCnt {f.FCnt} port {f.FPort} {f.Data.Length} B{(f.Confirmed ? " C" : string.Empty)}]"))
            + $"\nnetwork: {network.Published} event(s) published, {network.QueuedDownlinks(device.Spec.LoRaWan!.DevEui)} downlink(s) queued, {network.RefusedDownlinks} refused"
            + $"\ngateway: {results}; quarantined {bench.Gateway.Quarantined}"
            + $"\nemulation errors: {string.Join(" | ", bench.World.Scheduler.Errors.Select(e => e.ToString()))}"
            + bench.Describe(device.DeviceId);
    }

    // The compact messages of a port-1 frame.
    private static List<Message> Messages(EdgeDevices.Hardware.Emulation.LoRaWan.LoRaFrame frame)
    {
        var messages = new List<Message>();
        for (var offset = 0; frame.FPort == LoRaPorts.Messages && offset < frame.Data.Length;)
        {
            var length = MessageFrames.LengthAt(frame.Data, offset, frame.Data.Length);
            if (length < 0)
            {
                break;
            }

            messages.Add(EdgeDevices.Firmware.Codec.Compact.CompactCodec.Decode(frame.Data[offset..(offset + length)]));
            offset += length;
        }

        return messages;
    }

    // (boot, sequence) of everything the platform got from a device, on any channel.
    private List<(ushort Boot, ushort Sequence)> AllOf(string deviceId)
    {
        lock (_platform)
        {
            return [.. _platform.Where(p => p.Topic.StartsWith($"city/edge/{deviceId}/", StringComparison.Ordinal)).Select(p => JsonCodec.Decode(p.Payload)).Select(m => (m.BootId, m.Sequence))];
        }
    }

    // Sequence numbers missing between a boot's first and last delivered message.
    private static int Gaps(List<(ushort Boot, ushort Sequence)> keys) =>
        keys.GroupBy(k => k.Boot).Sum(boot =>
        {
            var sequences = boot.Select(k => (int)k.Sequence).Distinct().ToList();
            return sequences.Max() - sequences.Min() + 1 - sequences.Count;
        });

    private static string LoRaWanSpecFor(string deviceId) => EdgeDevices.Fleet.Provisioning.LoRaWanSpec.For(deviceId).DevEui;

    // The gateway, subscribed to ChirpStack's events before any device sends.
    private async Task<GatewayBench> StartAsync()
    {
        var bench = await GatewayBench.StartAsync(Start, new Dictionary<string, string?>
        {
            ["loRaWan:enabled"] = "true",
            ["loRaWan:host"] = "127.0.0.1",
            ["loRaWan:port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["loRaWan:applicationId"] = _application.ToString(),
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
        });
        var integration = bench.Gateway.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.LoRaWan.ChirpStackIntegration>();
        Eventually.True(() => integration.IsSubscribed, () => "the gateway subscribed to ChirpStack's events");
        return bench;
    }

    private List<string> Platform(string deviceId, string channel)
    {
        lock (_platform)
        {
            return [.. _platform.Where(p => p.Topic == $"city/edge/{deviceId}/{channel}").Select(p => p.Payload)];
        }
    }
}
