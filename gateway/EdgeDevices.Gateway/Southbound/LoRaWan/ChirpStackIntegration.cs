using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// LoRaWAN devices through ChirpStack v4's MQTT integration. The gateway subscribes to its application's
/// device events with a persistent session (fixed client id, clean session off) at QoS 1, acknowledging an
/// event only once its fate is committed, so nothing published while the gateway restarts is lost — provided
/// ChirpStack publishes at QoS 1 too (<c>[integration.mqtt] qos=1</c>; docs/lorawan.md): an event delivered at
/// QoS 0 raises a warning on /healthz and the dashboard, once.
/// <list type="bullet">
/// <item><c>up</c>: maps the DevEUI to its device, drops events already seen by deduplication id, and cuts the
/// frame into the compact messages it carries (port 1) or keeps the fragment of a larger one (port 2) until
/// the message is whole; each message then takes the same path as one over MQTT. Unknown devices, unusable
/// events, unused ports and bytes that are no compact message go to the quarantine with the reason. The
/// uplink's region and data rate size the device's downlinks (<see cref="LoRaWanLinks"/>).</item>
/// <item><c>txack</c> and <c>ack</c> settle the command downlinks (<see cref="LoRaWanDownlinks"/>).</item>
/// <item><c>status</c> (link margin, battery) goes into the device's health; <c>join</c> and <c>log</c> into its history.</item>
/// </list>
/// </summary>
public sealed class ChirpStackIntegration(
    IOptions<GatewayOptions> options,
    IngestPipeline pipeline,
    LoRaWanDevices devices,
    FragmentStore fragments,
    LoRaWanLinks links,
    LoRaWanDownlinks downlinks,
    Commands.CommandQueue commands,
    DeviceHistory history,
    GatewayWarnings warnings,
    DevicePresence presence,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ChirpStackIntegration> log) : BackgroundService
{
    /// <summary>The warning raised when ChirpStack publishes at QoS 0.</summary>
    public const string Qos0Warning = "chirpstackQos0";

    private readonly LoRaWanOptions _settings = options.Value.LoRaWan;
    private readonly RecentIds _seen = new(100_000);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Device, ushort Command), long> _queuedAt = new();
    private IMqttClient? _client;
    private long _staleCheckAt;

    private volatile bool _subscribed;

    /// <summary>Whether the gateway is subscribed to ChirpStack's uplink events now.</summary>
    public bool IsSubscribed => _subscribed && _client?.IsConnected == true;

    /// <summary>
    /// Queues <paramref name="payload"/> (a command in its JSON form) for <paramref name="deviceId"/> as
    /// ChirpStack downlinks; false when ChirpStack cannot be reached now or the device has no DevEUI.
    /// </summary>
    public async Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _client;
        var devEui = devices.DevEuiOf(deviceId);
        if (client == null || !client.IsConnected || devEui == null)
        {
            return false;
        }

        // A class A device hears a downlink only after its next uplink, which may be many minutes away: the
        // dispatcher's retries within that time would only pile copies into ChirpStack's queue. A command whose
        // downlinks the device confirmed waits for its answer; one it did not confirm goes again at once.
        var command = (DeviceCommand)JsonCodec.Decode(payload, 0, payload.Length);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = (deviceId, command.CommandId);
        if (downlinks.Delivered(deviceId, command.CommandId))
        {
            return true;
        }

        if (_queuedAt.TryGetValue(key, out var queuedAt) && now - queuedAt < _settings.DownlinkResendMinutes * 60_000L && !downlinks.Failed(deviceId, command.CommandId))
        {
            return true;
        }

        var link = links.Of(deviceId);
        var room = LoRaWanRegions.DownlinkRoom(link?.Region ?? _settings.Region, link?.DataRate, _settings.DwellTime400ms);
        var topic = $"application/{_settings.ApplicationId}/device/{devEui}/command/down";
        var ids = new List<string>();
        foreach (var (port, data) in LoRaWanDownlinks.Frames(command, payload, room))
        {
            var id = Guid.NewGuid().ToString();
            var body = new JsonObject { ["id"] = id, ["devEui"] = devEui, ["confirmed"] = true, ["fPort"] = port, ["data"] = Convert.ToBase64String(data) };
            var result = await client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body.ToJsonString()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return false;
            }

            ids.Add(id);
        }

        downlinks.Queued(deviceId, command.CommandId, ids);
        _queuedAt[key] = now;
        foreach (var old in _queuedAt.Where(p => now - p.Value > 24 * 3_600_000L))
        {
            _queuedAt.TryRemove(old.Key, out _);
        }

        return true;
    }

    /// <summary>The downlinks that carry <paramref name="command"/> to a device not yet heard (its region's slowest rate).</summary>
    public static IEnumerable<(int Port, byte[] Data)> Downlinks(DeviceCommand command, byte[] json, string region = "IN865") =>
        LoRaWanDownlinks.Frames(command, json, LoRaWanRegions.DownlinkRoom(region, null));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += async e =>
        {
            if (e.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
            {
                warnings.Raise(Qos0Warning, "ChirpStack publishes its events at QoS 0: events that arrive while the gateway is away are lost. Set qos=1 under [integration.mqtt] in chirpstack.toml (docs/lorawan.md).");
            }

            var ok = await OnEventAsync(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), stoppingToken).ConfigureAwait(false);
            if (!ok)
            {
                // Not committed: no acknowledgement, so the broker delivers the event again.
                e.AutoAcknowledge = false;
                _ = client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
            }
        };

        await PersistentSubscription.RunAsync(
            client,
            PersistentSubscription.Options(_settings.Host, _settings.Port, _settings.ClientId, _settings.Username, _settings.Password, _settings.Tls),
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"application/{_settings.ApplicationId}/device/+/event/+", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            () =>
            {
                _subscribed = true;
                log.LogInformation("subscribed to ChirpStack's device events of application {Application} on {Host}:{Port}", _settings.ApplicationId, _settings.Host, _settings.Port);
            },
            () => _subscribed = false,
            "ChirpStack's broker",
            log,
            time,
            stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Handles one event of ChirpStack's; true once its fate is committed (so it may be acknowledged).</summary>
    internal async Task<bool> OnEventAsync(string topic, byte[] json, CancellationToken cancellationToken)
    {
        var kind = topic[(topic.LastIndexOf('/') + 1)..];
        if (kind == "up")
        {
            return await OnUplinkAsync(topic, json, cancellationToken).ConfigureAwait(false);
        }

        if (!DeviceEvent.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            // location, integration: nothing the gateway uses.
            return true;
        }

        var e = DeviceEvent.Parse(kind, json, out var rejection);
        if (e == null)
        {
            return await QuarantineAsync(string.Empty, topic, json, rejection!, cancellationToken).ConfigureAwait(false);
        }

        var deviceId = devices.DeviceOf(e.DevEui);
        if (deviceId == null)
        {
            // Another application's device on a shared broker, or one not registered yet: nothing to settle.
            metrics.LoRaWanEvents.WithLabels(kind, "unknownDevice").Inc();
            return true;
        }

        var at = e.Time ?? time.GetUtcNow();
        switch (kind)
        {
            case "txack":
                if (downlinks.Transmitted(e.Text("queueItemId") ?? string.Empty, at) is { } sent)
                {
                    commands.NetworkDelivery(deviceId, sent.CommandId, at, null);
                }

                break;
            case "ack":
                var acknowledged = e.Flag("acknowledged");
                if (downlinks.Acknowledged(e.Text("queueItemId") ?? string.Empty, acknowledged, at) is { } state)
                {
                    if (acknowledged && state.Delivered)
                    {
                        commands.NetworkDelivery(deviceId, state.CommandId, null, at);
                    }

                    if (!acknowledged)
                    {
                        history.Add(deviceId, at, "downlinkNotConfirmed", $"command {state.CommandId}: the device did not confirm a downlink in time; it is queued again", new JsonObject { ["commandId"] = state.CommandId, ["queueItemId"] = e.Text("queueItemId") });
                    }
                }

                break;
            case "status":
                var external = e.Flag("externalPowerSource");
                double? battery = external || e.Flag("batteryLevelUnavailable") ? null : e.Number("batteryLevel");
                links.Status(deviceId, (int)e.Number("margin"), external, battery, at);
                break;
            case "join":
                history.Add(deviceId, at, "join", $"joined the network (DevAddr {e.Text("devAddr") ?? "?"})", new JsonObject { ["devAddr"] = e.Text("devAddr") });
                break;
            case "log":
                var level = e.Text("level") ?? "INFO";
                var code = e.Text("code") ?? "UNKNOWN";
                history.Add(deviceId, at, "log", $"ChirpStack {level.ToLowerInvariant()}: {code}: {e.Text("description")}", e.Body["context"]?.DeepClone() as JsonObject is { } context ? new JsonObject { ["level"] = level, ["code"] = code, ["context"] = context } : new JsonObject { ["level"] = level, ["code"] = code });
                break;
        }

        metrics.LoRaWanEvents.WithLabels(kind, "handled").Inc();
        return true;
    }

    /// <summary>Handles one uplink event; true once its fate is committed (so it may be acknowledged).</summary>
    internal async Task<bool> OnUplinkAsync(string topic, byte[] json, CancellationToken cancellationToken)
    {
        await QuarantineStaleFragmentsAsync(cancellationToken).ConfigureAwait(false);
        var uplink = UplinkEvent.Parse(json, out var rejection);
        if (uplink == null)
        {
            return await QuarantineAsync(string.Empty, topic, json, rejection!, cancellationToken).ConfigureAwait(false);
        }

        if (_seen.Contains(uplink.DeduplicationId))
        {
            metrics.LoRaWanUplinks.WithLabels("duplicate").Inc();
            return true;
        }

        var deviceId = devices.DeviceOf(uplink.DevEui);
        if (deviceId == null)
        {
            return await QuarantineAsync(string.Empty, topic, json, new Rejection($"unknown DevEUI {uplink.DevEui}: register it with 'devices add-lorawan'", "deviceInfo.devEui"), cancellationToken).ConfigureAwait(false);
        }

        presence.Online(deviceId, time.GetUtcNow());
        metrics.ConnectedDevices.Set(presence.Count);
        links.Heard(deviceId, uplink.Region, uplink.DataRate, uplink.Rssi, uplink.Snr, uplink.Time ?? time.GetUtcNow());
        bool committed;
        if (uplink.Data.Length == 0)
        {
            // An empty frame: MAC answers, or the device fetching queued downlinks.
            metrics.LoRaWanUplinks.WithLabels("empty").Inc();
            committed = true;
        }
        else if (uplink.FPort == LoRaPorts.Messages)
        {
            committed = await IngestFrameAsync(deviceId, topic, uplink.Data, json, cancellationToken).ConfigureAwait(false);
        }
        else if (uplink.FPort == LoRaPorts.Fragment)
        {
            committed = await IngestFragmentAsync(deviceId, topic, uplink.Data, json, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            committed = await QuarantineAsync(deviceId, topic, json, new Rejection($"port {uplink.FPort} carries nothing EdgeDevices sends (1: messages, 2: fragments)", "fPort"), cancellationToken).ConfigureAwait(false);
        }

        if (committed)
        {
            _seen.Add(uplink.DeduplicationId);
        }

        return committed;
    }

    private async Task<bool> IngestFrameAsync(string deviceId, string topic, byte[] frame, byte[] json, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < frame.Length)
        {
            var length = MessageFrames.LengthAt(frame, offset, frame.Length);
            if (length < 0)
            {
                return await QuarantineAsync(deviceId, topic, json, new Rejection($"bytes {offset}–{frame.Length - 1} of the frame are not a compact message of this version", "data"), cancellationToken).ConfigureAwait(false);
            }

            if (!await SubmitAsync(deviceId, topic, frame[offset..(offset + length)], cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            offset += length;
        }

        return true;
    }

    private async Task<bool> IngestFragmentAsync(string deviceId, string topic, byte[] frame, byte[] json, CancellationToken cancellationToken)
    {
        var message = fragments.Add(deviceId, frame, time.GetUtcNow().ToUnixTimeMilliseconds(), out var error);
        if (error != null)
        {
            return await QuarantineAsync(deviceId, topic, json, new Rejection(error, "data"), cancellationToken).ConfigureAwait(false);
        }

        if (message == null)
        {
            metrics.LoRaWanUplinks.WithLabels("fragment").Inc();
            return true;
        }

        var ok = MessageFrames.LengthAt(message, 0, message.Length) == message.Length
            ? await SubmitAsync(deviceId, topic, message, cancellationToken).ConfigureAwait(false)
            : await QuarantineAsync(deviceId, topic, message, new Rejection("the fragments put together are not one compact message", "data"), cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            fragments.Forget(deviceId);
        }

        return ok;
    }

    private async Task<bool> SubmitAsync(string deviceId, string topic, byte[] message, CancellationToken cancellationToken)
    {
        var channel = MqttTopics.ChannelFor((MessageType)(message[0] & 0x1F));
        var outcome = await pipeline.SubmitAsync(deviceId, topic, channel, message, cancellationToken).ConfigureAwait(false);
        metrics.LoRaWanUplinks.WithLabels(outcome.ToString().ToLowerInvariant()).Inc();
        return outcome != IngestOutcome.Failed;
    }

    private async Task<bool> QuarantineAsync(string deviceId, string topic, byte[] raw, Rejection rejection, CancellationToken cancellationToken)
    {
        metrics.LoRaWanUplinks.WithLabels("quarantined").Inc();
        return await pipeline.QuarantineAsync(deviceId, topic, raw, rejection, cancellationToken).ConfigureAwait(false) != IngestOutcome.Failed;
    }

    private async Task QuarantineStaleFragmentsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now < Interlocked.Read(ref _staleCheckAt))
        {
            return;
        }

        Interlocked.Exchange(ref _staleCheckAt, now + 60_000);
        var cutoff = now - (_settings.FragmentTimeoutSeconds * 1000L);
        foreach (var (deviceId, received, have, count) in fragments.TakeStale(cutoff))
        {
            await pipeline.QuarantineAsync(deviceId, "lorawan/fragments", received, new Rejection($"incomplete message: {have} of {count} fragments arrived within {_settings.FragmentTimeoutSeconds} s", "data"), cancellationToken).ConfigureAwait(false);
        }
    }
}
