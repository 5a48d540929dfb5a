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
/// and reconnects, so the broker delivers it again. Access control for devices is the external broker's
/// (its ACL should allow each device only its own prefix, as the embedded broker does).
/// </summary>
public sealed class ExternalBrokerService(
    IOptions<GatewayOptions> options,
    IngestPipeline pipeline,
    DevicePresence presence,
    SouthboundStatus status,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ExternalBrokerService> log) : BackgroundService, Commands.ICommandTransport
{
    private static readonly string[] Channels = [MqttTopics.Telemetry, MqttTopics.State, MqttTopics.Events, MqttTopics.Acks, MqttTopics.Status];

    private IMqttClient? _client;

    /// <inheritdoc />
    public async Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client == null || !client.IsConnected)
        {
            return false;
        }

        var result = await client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(MqttTopics.For(deviceId, MqttTopics.Commands))
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
        var lost = new SemaphoreSlim(0);
        client.DisconnectedAsync += _ =>
        {
            status.Lost();
            lost.Release();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += async e =>
        {
            var topic = e.ApplicationMessage.Topic;
            if (MqttTopics.TryParse(topic, out var device, out var channel) && channel == MqttTopics.Status)
            {
                var text = e.ApplicationMessage.ConvertPayloadToString();
                if (text == "online")
                {
                    presence.Online(device, time.GetUtcNow());
                }
                else
                {
                    presence.Offline(device);
                }

                metrics.ConnectedDevices.Set(presence.Count);
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

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(settings.ClientId)
            .WithCleanSession(false)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
        if (settings.Username != null)
        {
            builder = builder.WithCredentials(settings.Username, settings.Password);
        }

        if (settings.Tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        var mqttOptions = builder.Build();
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await client.ConnectAsync(mqttOptions, stoppingToken).ConfigureAwait(false);
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var channel in Channels)
                {
                    subscribe = subscribe.WithTopicFilter($"{MqttTopics.Root}/+/{channel}", MqttQualityOfServiceLevel.AtLeastOnce);
                }

                await client.SubscribeAsync(subscribe.Build(), stoppingToken).ConfigureAwait(false);
                status.Ready();
                log.LogInformation("subscribed to device traffic on {Host}:{Port}", settings.Host, settings.Port);
                delay = TimeSpan.FromSeconds(1);
                await lost.WaitAsync(stoppingToken).ConfigureAwait(false);
                log.LogWarning("lost the connection to the external broker");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogWarning("external broker {Host}:{Port} not reachable: {Reason}", settings.Host, settings.Port, ex.Message);
            }

            while (lost.CurrentCount > 0)
            {
                await lost.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
