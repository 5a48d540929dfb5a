using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeDevices.Hardware.Emulation.LoRaWan;
using EdgeDevices.Hardware.Emulation.Timing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Fleet.LoRaWan;

/// <summary>
/// Stands in for a ChirpStack v4 network server and its MQTT integration: it accepts the joins of the
/// devices it knows, publishes each uplink as <c>application/{id}/device/{devEui}/event/up</c> in
/// ChirpStack's JSON (the protobuf JSON mapping: default values such as <c>fCnt: 0</c>,
/// <c>confirmed: false</c> or <c>adr: false</c> left out, as ChirpStack does), and queues what arrives on
/// <c>application/{id}/device/{devEui}/command/down</c> for the device's next receive window (class A),
/// flagging "frame pending" while more wait. For fault tests it can deliver every event twice and replay
/// the last uplink under a new deduplication id. Hand-written: ChirpStack itself is not served here.
/// </summary>
public sealed class ChirpStackEmulator : ILoRaNetwork, IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly IWorldClock _clock;
    private readonly ConcurrentDictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private long _published;
    private long _refusedDownlinks;

    private ChirpStackEmulator(IMqttClient client, IWorldClock clock, Guid applicationId)
    {
        _client = client;
        _clock = clock;
        ApplicationId = applicationId;
    }

    /// <summary>The application the devices belong to (a UUID, as in ChirpStack v4).</summary>
    public Guid ApplicationId { get; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; } = Guid.Parse("52f14cd4-c6f1-4fbd-8f87-4025e1d49242");

    /// <summary>How many times each uplink event is published (2 imitates the duplicate deliveries of a misbehaving integration).</summary>
    public int DeliveriesPerUplink { get; set; } = 1;

    /// <summary>Whether the network hears the devices at all.</summary>
    public bool InCoverage { get; set; } = true;

    /// <summary>Uplink events published so far (duplicates included).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Downlink commands refused (malformed, unknown device).</summary>
    public long RefusedDownlinks => Interlocked.Read(ref _refusedDownlinks);

    /// <summary>Connects to the integration's broker and listens for downlink commands.</summary>
    public static async Task<ChirpStackEmulator> StartAsync(string host, int port, IWorldClock clock, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var emulator = new ChirpStackEmulator(client, clock, applicationId);
        client.ApplicationMessageReceivedAsync += e =>
        {
            emulator.OnDownlink(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("chirpstack-" + applicationId.ToString("N")[..8]).WithCleanSession().Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"application/{applicationId}/device/+/command/down", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Registers a device as an operator does in ChirpStack (device profile with OTAA, its AppKey).</summary>
    public void AddDevice(string devEui, string appKey, string name) =>
        _devices[devEui.ToLowerInvariant()] = new Device(devEui.ToLowerInvariant(), appKey.ToLowerInvariant(), name);

    /// <summary>Downlinks waiting for <paramref name="devEui"/>.</summary>
    public int QueuedDownlinks(string devEui) => _devices.TryGetValue(devEui, out var device) ? device.Queue.Count : 0;

    /// <inheritdoc />
    public bool Join(string devEui, string joinEui, string appKey) =>
        InCoverage && _devices.TryGetValue(devEui, out var device) && device.AppKey == appKey;

    /// <inheritdoc />
    public LoRaAnswer Uplink(LoRaFrame frame)
    {
        if (!InCoverage || !_devices.TryGetValue(frame.DevEui, out var device))
        {
            return LoRaAnswer.Silence;
        }

        var json = UplinkEvent(device, frame, Guid.NewGuid());
        lock (device)
        {
            device.LastUplink = frame;
        }

        for (var i = 0; i < DeliveriesPerUplink; i++)
        {
            Publish($"application/{ApplicationId}/device/{frame.DevEui}/event/up", json);
        }

        device.Queue.TryDequeue(out var downlink);
        return new LoRaAnswer(frame.Confirmed, downlink?.Port ?? 0, downlink?.Data, !device.Queue.IsEmpty, frame.DeviceTimeRequest ? _clock.UtcNow : null);
    }

    /// <summary>Publishes the device's last uplink again under a new deduplication id (a network server re-processing it).</summary>
    public void ReplayLastUplink(string devEui)
    {
        var device = _devices[devEui];
        LoRaFrame? last;
        lock (device)
        {
            last = device.LastUplink;
        }

        if (last != null)
        {
            Publish($"application/{ApplicationId}/device/{devEui}/event/up", UplinkEvent(device, last, Guid.NewGuid()));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Broker already gone.
        }

        _client.Dispose();
    }

    private string UplinkEvent(Device device, LoRaFrame frame, Guid deduplicationId)
    {
        var region = EdgeDevices.Firmware.LoRaWan.LoRaRegion.ForName(frame.Region)!;
        var deviceInfo = new JsonObject
        {
            ["tenantId"] = TenantId.ToString(),
            ["tenantName"] = "City of Astana",
            ["applicationId"] = ApplicationId.ToString(),
            ["applicationName"] = "street-devices",
            ["deviceProfileId"] = "0f7a9c1e-5d3b-4c2a-9e8f-1a2b3c4d5e6f",
            ["deviceProfileName"] = "EdgeDevices " + frame.Region,
            ["deviceName"] = device.Name,
            ["devEui"] = device.DevEui,
            ["deviceClassEnabled"] = "CLASS_A",
            ["tags"] = new JsonObject(),
        };
        var e = new JsonObject
        {
            ["deduplicationId"] = deduplicationId.ToString(),
            ["time"] = _clock.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["deviceInfo"] = deviceInfo,
            ["devAddr"] = device.DevEui[8..],
        };

        // Protobuf's JSON mapping leaves out fields at their default value.
        if (frame.Adr)
        {
            e["adr"] = true;
        }

        if (frame.DataRate != 0)
        {
            e["dr"] = frame.DataRate;
        }

        if (frame.FCnt != 0)
        {
            e["fCnt"] = frame.FCnt;
        }

        if (frame.FPort != 0)
        {
            e["fPort"] = frame.FPort;
        }

        if (frame.Confirmed)
        {
            e["confirmed"] = true;
        }

        if (frame.Data.Length > 0)
        {
            e["data"] = Convert.ToBase64String(frame.Data);
        }

        e["rxInfo"] = new JsonArray(new JsonObject
        {
            ["gatewayId"] = "0016c001ff1e5a7b",
            ["uplinkId"] = Random.Shared.Next(1, int.MaxValue),
            ["rssi"] = -97,
            ["snr"] = 6.5,
            ["context"] = "AAAAAAAAAAAAAA==",
            ["metadata"] = new JsonObject { ["region_config_id"] = frame.Region.ToLowerInvariant(), ["region_common_name"] = frame.Region },
        });
        e["txInfo"] = new JsonObject
        {
            ["frequency"] = frame.Region == "IN865" ? 865062500 : 868100000,
            ["modulation"] = new JsonObject
            {
                ["lora"] = new JsonObject
                {
                    ["bandwidth"] = region.BandwidthKHz(frame.DataRate) * 1000,
                    ["spreadingFactor"] = region.SpreadingFactor(frame.DataRate),
                    ["codeRate"] = "CR_4_5",
                },
            },
        };
        return e.ToJsonString();
    }

    private void Publish(string topic, string json)
    {
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())
            .GetAwaiter().GetResult();
        Interlocked.Increment(ref _published);
    }

    private void OnDownlink(string topic, string payload)
    {
        var parts = topic.Split('/');
        try
        {
            var json = JsonNode.Parse(payload)!.AsObject();
            var devEui = parts[3].ToLowerInvariant();
            var port = json["fPort"]?.GetValue<int>() ?? 0;
            var data = Convert.FromBase64String(json["data"]?.GetValue<string>() ?? string.Empty);
            if (!_devices.TryGetValue(devEui, out var device) || port is < 1 or > 223 || (string?)json["devEui"] != devEui || data.Length == 0)
            {
                Interlocked.Increment(ref _refusedDownlinks);
                return;
            }

            device.Queue.Enqueue(new Downlink(port, data));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            Interlocked.Increment(ref _refusedDownlinks);
        }
    }

    private sealed record Downlink(int Port, byte[] Data);

    private sealed class Device(string devEui, string appKey, string name)
    {
        public string DevEui { get; } = devEui;

        public string AppKey { get; } = appKey;

        public string Name { get; } = name;

        public ConcurrentQueue<Downlink> Queue { get; } = new();

        public LoRaFrame? LastUplink { get; set; }
    }
}
