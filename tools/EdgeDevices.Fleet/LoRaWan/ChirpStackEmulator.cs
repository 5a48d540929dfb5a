using System.Collections.Concurrent;
using EdgeDevices.Hardware.Emulation.LoRaWan;
using EdgeDevices.Hardware.Emulation.Timing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Fleet.LoRaWan;

/// <summary>
/// Stands in for a ChirpStack v4 network server and its MQTT integration: it accepts the joins of the
/// devices it knows (a <c>join</c> event at the first uplink after), publishes each uplink as
/// <c>application/{id}/device/{devEui}/event/up</c> in ChirpStack's JSON (<see cref="ChirpStackEvents"/>: its
/// own protobuf messages in the JSON mapping), and queues what arrives on
/// <c>application/{id}/device/{devEui}/command/down</c> for the device's next receive window (class A),
/// flagging "frame pending" while more wait. A downlink handed to the device gets a <c>txack</c>; a confirmed
/// one gets an <c>ack</c> at the device's next uplink (LoRaWAN's ACK bit), and every tenth uplink a
/// <c>status</c> (DevStatusAns: link margin, battery). Events go out at <see cref="Qos"/>, ChirpStack's
/// <c>[integration.mqtt] qos</c>. For fault tests it can deliver every event twice and replay the last uplink
/// under a new deduplication id. The network server's logic is hand-written: ChirpStack itself is not served here.
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

    /// <summary>The QoS of the events (ChirpStack's <c>[integration.mqtt] qos</c>; its own default is 0, docs/lorawan.md asks for 1).</summary>
    public MqttQualityOfServiceLevel Qos { get; set; } = MqttQualityOfServiceLevel.AtLeastOnce;

    /// <summary>Every downlink command received, as ChirpStack read it (id, confirmed, port, bytes).</summary>
    public IReadOnlyList<Chirpstack.Integration.DownlinkCommand> Downlinks => [.. _downlinks];

    private readonly ConcurrentQueue<Chirpstack.Integration.DownlinkCommand> _downlinks = new();

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
    public bool Join(string devEui, string joinEui, string appKey)
    {
        if (!InCoverage || !_devices.TryGetValue(devEui, out var device) || device.AppKey != appKey)
        {
            return false;
        }

        // ChirpStack sends the join event with the first uplink after the join.
        lock (device)
        {
            device.JustJoined = true;
        }

        return true;
    }

    /// <inheritdoc />
    public LoRaAnswer Uplink(LoRaFrame frame)
    {
        if (!InCoverage || !_devices.TryGetValue(frame.DevEui, out var device))
        {
            return LoRaAnswer.Silence;
        }

        var info = ChirpStackEvents.Device(TenantId, ApplicationId, device.DevEui, device.Name, frame.Region);
        Downlink? awaitingAck;
        bool joined;
        int uplinks;
        lock (device)
        {
            device.LastUplink = frame;
            awaitingAck = device.AwaitingAck;
            device.AwaitingAck = null;
            joined = device.JustJoined;
            device.JustJoined = false;
            uplinks = ++device.Uplinks;
        }

        if (joined)
        {
            Publish(device, "join", ChirpStackEvents.Join(info, _clock.UtcNow, device.DevEui[8..]));
        }

        var json = UplinkEvent(device, frame, Guid.NewGuid());
        for (var i = 0; i < DeliveriesPerUplink; i++)
        {
            Publish(device, "up", json);
        }

        // The uplink after a confirmed downlink carries LoRaWAN's ACK bit.
        if (awaitingAck != null)
        {
            Publish(device, "ack", ChirpStackEvents.Ack(info, _clock.UtcNow, awaitingAck.Id, acknowledged: true, awaitingAck.FCntDown));
        }

        if (uplinks % 10 == 0)
        {
            Publish(device, "status", ChirpStackEvents.Status(info, _clock.UtcNow, margin: 12, externalPower: true, batteryPercent: null));
        }

        device.Queue.TryDequeue(out var downlink);
        if (downlink != null)
        {
            var fCntDown = (uint)Interlocked.Increment(ref device.FCntDown);
            downlink = downlink with { FCntDown = fCntDown };
            Publish(device, "txack", ChirpStackEvents.TxAck(info, _clock.UtcNow, downlink.Id, fCntDown));
            if (downlink.Confirmed)
            {
                lock (device)
                {
                    device.AwaitingAck = downlink;
                }
            }
        }

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
            Publish(device, "up", UplinkEvent(device, last, Guid.NewGuid()));
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
        return ChirpStackEvents.Uplink(
            ChirpStackEvents.Device(TenantId, ApplicationId, device.DevEui, device.Name, frame.Region),
            _clock.UtcNow,
            deduplicationId,
            (uint)frame.DataRate,
            frame.FCnt,
            (uint)frame.FPort,
            frame.Confirmed,
            frame.Adr,
            frame.Data,
            frame.Region,
            frame.Region == "IN865" ? 865062500u : 868100000u,
            (uint)region.BandwidthKHz(frame.DataRate) * 1000,
            (uint)region.SpreadingFactor(frame.DataRate));
    }

    private void Publish(Device device, string kind, string json)
    {
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(ChirpStackEvents.Topic(ApplicationId, device.DevEui, kind)).WithPayload(json).WithQualityOfServiceLevel(Qos).Build())
            .GetAwaiter().GetResult();
        Interlocked.Increment(ref _published);
    }

    private void OnDownlink(string topic, string payload)
    {
        var parts = topic.Split('/');
        var devEui = parts.Length > 3 ? parts[3].ToLowerInvariant() : string.Empty;
        var command = ChirpStackEvents.ParseDownlink(payload);
        if (command == null || !_devices.TryGetValue(devEui, out var device) || command.FPort is < 1 or > 223 || command.DevEui != devEui || command.Data.IsEmpty)
        {
            Interlocked.Increment(ref _refusedDownlinks);
            return;
        }

        _downlinks.Enqueue(command);
        device.Queue.Enqueue(new Downlink(string.IsNullOrEmpty(command.Id) ? Guid.NewGuid().ToString() : command.Id, (int)command.FPort, command.Data.ToByteArray(), command.Confirmed));
    }

    private sealed record Downlink(string Id, int Port, byte[] Data, bool Confirmed, uint FCntDown = 0);

    private sealed class Device(string devEui, string appKey, string name)
    {
        public long FCntDown;

        public string DevEui { get; } = devEui;

        public string AppKey { get; } = appKey;

        public string Name { get; } = name;

        public ConcurrentQueue<Downlink> Queue { get; } = new();

        public LoRaFrame? LastUplink { get; set; }

        public Downlink? AwaitingAck { get; set; }

        public bool JustJoined { get; set; }

        public int Uplinks { get; set; }
    }
}
