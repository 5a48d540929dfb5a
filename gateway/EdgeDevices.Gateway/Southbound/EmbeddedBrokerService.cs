using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// The gateway's own MQTT broker (MQTTnet): devices authenticate with their registered credentials, may
/// publish only below their own prefix and subscribe only to their own command, chunk and reject-notice topics; everything
/// else is refused and counted. Chunk requests of update downloads are answered by the <see cref="Updates.ChunkServer"/>. A device's QoS 1 publish is acknowledged only after the pipeline has committed it:
/// the broker awaits the pipeline before it sends PUBACK. If the commit fails, the connection is closed
/// without acknowledging, so the device keeps the message in its outbox and sends it again.
/// </summary>
public sealed class EmbeddedBrokerService(
    IOptions<GatewayOptions> options,
    IngestPipeline pipeline,
    DeviceRegistry registry,
    DevicePresence presence,
    SouthboundStatus status,
    GatewayMetrics metrics,
    Privacy.Pseudonyms pseudonyms,
    Updates.ChunkServer chunks,
    Commands.CommandQueue commands,
    CommandListeners listeners,
    TimeProvider time,
    ILogger<EmbeddedBrokerService> log) : IHostedService, IAsyncDisposable, Commands.ICommandTransport
{
    private readonly ConnectionGuard _guard = new(options.Value.Southbound.Embedded, time);
    private MqttServer? _server;
    private GuardedTcpServerAdapter? _listeners;

    /// <summary>The port devices connect to in plain MQTT, once listening (the system's choice when configured as 0).</summary>
    public int? PlainPort => _listeners?.PlainPort;

    /// <summary>The TLS port, once listening.</summary>
    public int? TlsPort => _listeners?.TlsPort;

    /// <summary>The running broker (for sending commands to devices).</summary>
    public MqttServer? Server => _server;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Southbound.Embedded;
        var builder = new MqttServerOptionsBuilder()
            .WithPersistentSessions()
            .WithoutDefaultEndpoint()
            .WithDefaultCommunicationTimeout(TimeSpan.FromSeconds(15));
        X509Certificate2? certificate = null;
        if (settings.Tls.Enabled)
        {
            var path = GatewayHost.CertificatePath(options.Value);
            if (!File.Exists(path) && GatewayHost.MakesOwnCertificate(options.Value))
            {
                var state = GatewayHost.StateDirectory(options.Value);
                BrokerCertificates.Create(state, [], [], time.GetUtcNow());
                log.LogWarning(
                    "made a local certificate authority and the broker's certificate in {Folder}: give devices {Ca} when provisioning them (edgectl provision … --ca-cert ca.pem)",
                    Path.Combine(state, BrokerCertificates.Folder),
                    Path.Combine(state, BrokerCertificates.Folder, BrokerCertificates.CaFile));
            }

            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.Tls.CertificatePassword);
        }

        // Our own listeners (caps, handshake deadline, packet size limits) instead of MQTTnet's default endpoints.
        _listeners = new GuardedTcpServerAdapter(settings, certificate, _guard, metrics, log);
        _server = new MqttServerFactory().CreateMqttServer(builder.Build(), [_listeners]);
        _server.ValidatingConnectionAsync += ValidateConnection;
        _server.InterceptingSubscriptionAsync += InterceptSubscription;
        _server.InterceptingPublishAsync += InterceptPublish;
        _server.ClientSubscribedTopicAsync += e =>
        {
            if (e.TopicFilter.Topic == MqttTopics.For(e.ClientId, MqttTopics.Commands))
            {
                // The subscription is stored: what waited for the device goes now, in queue order, not at its next backoff.
                listeners.Subscribed(e.ClientId);
                commands.SendPendingNow(e.ClientId);
            }

            return Task.CompletedTask;
        };
        _server.SessionDeletedAsync += e =>
        {
            listeners.Gone(e.Id);
            return Task.CompletedTask;
        };
        _server.ClientUnsubscribedTopicAsync += e =>
        {
            if (e.TopicFilter == MqttTopics.For(e.ClientId, MqttTopics.Commands))
            {
                listeners.Gone(e.ClientId);
            }

            return Task.CompletedTask;
        };
        _server.ClientConnectedAsync += e =>
        {
            _guard.Connected(e.ClientId, ConnectionGuard.AddressOf(e.RemoteEndPoint), e.RemoteEndPoint?.ToString());
            presence.Online(e.ClientId, time.GetUtcNow(), e.RemoteEndPoint?.ToString());
            metrics.ConnectedDevices.Set(presence.Count);
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            _guard.Disconnected(e.ClientId, e.RemoteEndPoint?.ToString());
            presence.Offline(e.ClientId, e.RemoteEndPoint?.ToString());
            metrics.ConnectedDevices.Set(presence.Count);
            return Task.CompletedTask;
        };
        await _server.StartAsync().ConfigureAwait(false);
        status.Ready();
        log.LogInformation(
            "MQTT broker listening on {Address}: {Ports}",
            settings.BindAddress,
            string.Join(" and ", new[] { PlainPort is { } plain ? $"{plain} (plain)" : null, TlsPort is { } tls ? $"{tls} (TLS)" : null }.Where(p => p != null)));
    }

    /// <inheritdoc />
    /// <remarks>False until the device's session holds its command subscription (<see cref="CommandListeners"/>).</remarks>
    public Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken) =>
        listeners.IsListening(deviceId)
            ? NotifyAsync(deviceId, MqttTopics.Commands, payload, cancellationToken)
            : Task.FromResult(false);

    /// <inheritdoc />
    public async Task<bool> NotifyAsync(string deviceId, string channel, byte[] payload, CancellationToken cancellationToken)
    {
        var server = _server;
        if (server == null)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(deviceId, channel))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Disconnects <paramref name="deviceId"/> if it is connected and, when <paramref name="forget"/>, deletes its
    /// persistent session (what was queued for it); true when a connection was closed.
    /// </summary>
    public async Task<bool> CloseSessionAsync(string deviceId, bool forget)
    {
        var server = _server;
        if (server == null || !server.IsStarted)
        {
            return false;
        }

        var closed = false;
        foreach (var client in (await server.GetClientsAsync().ConfigureAwait(false)).Where(c => c.Id == deviceId))
        {
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "credentials revoked" }).ConfigureAwait(false);
            closed = true;
        }

        // MQTTnet 5 throws, rather than answering null, when the device has no session (never connected, or gone).
        if (forget && (await server.GetSessionsAsync().ConfigureAwait(false)).FirstOrDefault(s => s.Id == deviceId) is { } session)
        {
            listeners.Gone(deviceId);
            await session.DeleteAsync().ConfigureAwait(false);
        }

        return closed;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server != null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task ValidateConnection(ValidatingConnectionEventArgs e)
    {
        // Caps and the failed-login back-off first: a refused address costs no database read and no hash.
        var address = ConnectionGuard.AddressOf(e.RemoteEndPoint);
        if (_guard.Refusal(address) is { } refusal)
        {
            e.ReasonCode = refusal.StartsWith("too many", StringComparison.Ordinal) ? MqttConnectReasonCode.Banned : MqttConnectReasonCode.ServerBusy;
            e.ReasonString = refusal;
            metrics.Refused.WithLabels("connect").Inc();
            return Task.CompletedTask;
        }

        // A device connects as itself: client id, user name and registered password must all agree.
        if (e.ClientId != e.UserName || !MqttTopics.IsValidDeviceId(e.ClientId) || !registry.Verify(e.UserName, e.Password))
        {
            _guard.Failed(address);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            metrics.Refused.WithLabels("connect").Inc();
            log.LogWarning("refused a connection from {Endpoint} as '{Client}' (user '{User}')", e.RemoteEndPoint, pseudonyms.Public(e.ClientId ?? string.Empty), pseudonyms.Public(e.UserName ?? string.Empty));
        }
        else
        {
            // Whatever the session kept, commands wait until the device subscribes on this connection (devices
            // subscribe on every connect): a session the broker dropped on its own (a clean session's end, an
            // expired one) would otherwise look subscribed, and a command sent into that gap is lost.
            listeners.Gone(e.ClientId);
        }

        return Task.CompletedTask;
    }

    private Task InterceptSubscription(InterceptingSubscriptionEventArgs e)
    {
        if (!TopicPolicy.MaySubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            metrics.Refused.WithLabels("subscribe").Inc();
            log.LogWarning("refused {Client}'s subscription to {Filter}", pseudonyms.Public(e.ClientId), pseudonyms.PublicTopic(e.TopicFilter.Topic));
        }

        return Task.CompletedTask;
    }

    private async Task InterceptPublish(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // Injected by the gateway itself (commands to devices).
            return;
        }

        if (!TopicPolicy.MayPublish(e.ClientId, topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            metrics.Refused.WithLabels("publish").Inc();
            log.LogWarning("refused {Client}'s publish to {Topic}", pseudonyms.Public(e.ClientId), pseudonyms.PublicTopic(topic));
            return;
        }

        // A device keeps one retained message, its presence on its status topic (its will says "offline"), of a
        // few bytes; anything else it marks retained is passed on but not kept, so no client can fill the
        // broker's retained store.
        if (e.ApplicationMessage.Retain && (!topic.EndsWith("/" + MqttTopics.Status, StringComparison.Ordinal) || e.ApplicationMessage.Payload.Length > 256))
        {
            e.ApplicationMessage.Retain = false;
        }

        if (TopicPolicy.IsFetchTopic(topic, out var fetching))
        {
            // A chunk request is answered here and goes no further.
            e.ProcessPublish = false;
            var reply = chunks.Answer(fetching, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            if (reply != null && _server != null)
            {
                await _server.InjectApplicationMessage(
                    new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For(fetching, MqttTopics.Chunks)).WithPayload(reply).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build()),
                    e.CancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!TopicPolicy.IsIngestTopic(topic, out var deviceId, out var channel))
        {
            return;
        }

        var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
        var outcome = await pipeline.SubmitAsync(deviceId, topic, channel, payload, e.CancellationToken).ConfigureAwait(false);
        if (outcome == IngestOutcome.Failed)
        {
            // Not committed: no acknowledgement. The device keeps it and resends after reconnecting.
            e.ProcessPublish = false;
            e.CloseConnection = true;
        }
    }
}
