using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Device traffic from an external broker (mosquitto, say): the gateway subscribes with a persistent
/// session at QoS 1, so the broker keeps what arrives while the gateway is down, and acknowledges each
/// message only after the pipeline has committed it. A failed commit leaves the message unacknowledged
/// and reconnects, so the broker delivers it again. Chunk requests of update downloads (<c>edge/+/fetch</c>)
/// are answered on the device's <c>chunks</c> topic. Access control for devices is the external broker's
/// (its ACL should allow each device only its own prefix, as the embedded broker does: docs/gateway.md).
/// </summary>
public sealed class ExternalBrokerService(
    IOptions<GatewayOptions> options,
    IngestPipeline pipeline,
    DevicePresence presence,
    SouthboundStatus status,
    GatewayMetrics metrics,
    Updates.ChunkServer chunks,
    Commands.CommandQueue commands,
    CommandListeners listeners,
    TimeProvider time,
    ILogger<ExternalBrokerService> log) : BackgroundService, Commands.ICommandTransport
{
    private static readonly string[] Channels = [MqttTopics.Telemetry, MqttTopics.State, MqttTopics.Events, MqttTopics.Acks, MqttTopics.Status];

    private IMqttClient? _client;

    /// <inheritdoc />
    /// <remarks>
    /// False until the device has said "online" (retained) once: devices subscribe before they publish it, on one
    /// connection the broker handles in order, so from then on their persistent session holds the subscription and
    /// the broker keeps commands for them even while they are away. Before it, a command could be dropped
    /// unsubscribed and a later one delivered, which the device would refuse for ever (counter order).
    /// </remarks>
    public Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken) =>
        listeners.IsListening(deviceId)
            ? NotifyAsync(deviceId, MqttTopics.Commands, payload, cancellationToken)
            : Task.FromResult(false);

    /// <inheritdoc />
    public async Task<bool> NotifyAsync(string deviceId, string channel, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client == null || !client.IsConnected)
        {
            return false;
        }

        var result = await client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(MqttTopics.For(deviceId, channel))
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Southbound.External;
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += async e =>
        {
            var topic = e.ApplicationMessage.Topic;
            if (MqttTopics.TryParse(topic, out var device, out var channel) && channel == MqttTopics.Status)
            {
                var text = e.ApplicationMessage.ConvertPayloadToString();
                if (text == "online")
                {
                    presence.Online(device, time.GetUtcNow());

                    // Subscribed (it subscribes before it says so): what waited for it goes now, oldest first.
                    listeners.Subscribed(device);
                    commands.SendPendingNow(device);
                }
                else
                {
                    presence.Offline(device);
                }

                metrics.ConnectedDevices.Set(presence.Count);
                return;
            }

            if (TopicPolicy.IsFetchTopic(topic, out var fetching))
            {
                var reply = chunks.Answer(fetching, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
                if (reply != null)
                {
                    await client.PublishAsync(
                        new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For(fetching, MqttTopics.Chunks)).WithPayload(reply).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(),
                        stoppingToken).ConfigureAwait(false);
                }

                return;
            }

            if (!TopicPolicy.IsIngestTopic(topic, out var deviceId, out var ingestChannel))
            {
                return;
            }

            var outcome = await pipeline.SubmitAsync(deviceId, topic, ingestChannel, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), stoppingToken).ConfigureAwait(false);
            if (outcome == IngestOutcome.Failed)
            {
                // No acknowledgement: the broker keeps the message for the session and sends it again.
                e.AutoAcknowledge = false;
                _ = client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
            }
        };

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var channel in Channels)
        {
            subscribe = subscribe.WithTopicFilter($"{MqttTopics.Root}/+/{channel}", MqttQualityOfServiceLevel.AtLeastOnce);
        }

        // Chunk requests are asked again when unanswered: QoS 0, nothing kept for the gateway while it is away.
        subscribe = subscribe.WithTopicFilter($"{MqttTopics.Root}/+/{MqttTopics.Fetch}", MqttQualityOfServiceLevel.AtMostOnce);

        await PersistentSubscription.RunAsync(
            client,
            PersistentSubscription.Options(settings.Host, settings.Port, settings.ClientId, settings.Username, settings.Password, settings.Tls),
            subscribe.Build(),
            () =>
            {
                status.Ready();
                log.LogInformation("subscribed to device traffic on {Host}:{Port}", settings.Host, settings.Port);
            },
            status.Lost,
            "the external broker",
            log,
            time,
            stoppingToken).ConfigureAwait(false);
    }
}
