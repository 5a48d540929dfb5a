using System.Collections;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt;

/// <summary>
/// Stand-in for nanoFramework's M2Mqtt <c>MqttClient</c>, built on MQTTnet and talking to a real broker
/// through the calling board's emulated Wi-Fi link. It keeps M2Mqtt's behaviour, which the firmware has
/// to live with: the constructor resolves the broker's name at once (so it fails without a network) and
/// later connects reuse that address; there is no automatic reconnection; a lost connection raises
/// <see cref="ConnectionClosed"/> once; <see cref="Publish(string, byte[], string, ArrayList, MqttQoSLevel, bool)"/>
/// only queues the message and returns its id, messages go out one at a time in order, and
/// <see cref="MqttMsgPublished"/> reports each when the broker has acknowledged it; whatever is still queued
/// when the connection closes is dropped; subscriptions are not restored after a reconnect. Events are
/// raised on the client's own dispatch thread, in order. TLS and MQTT 5 extras are not emulated.
/// </summary>
public class MqttClient : IMqttClient
{
    private readonly BoardLife _life;
    private readonly object _sync = new();
    private readonly Queue<Action> _events = new();
    private readonly ManualResetEvent _eventSignal = new(false);
    private IPEndPoint _endpoint;
    private MQTTnet.IMqttClient _client;
    private LinkStreamProvider _link;
    private Task _publishChain = Task.CompletedTask;
    private int _generation;
    private int _inflight;
    private int _nextId;
    private bool _connected;
    private bool _dispatcherStarted;
    private bool _disposed;

    /// <summary>A client for the broker at <paramref name="brokerHostName"/>:1883 (resolved now).</summary>
    public MqttClient(string brokerHostName)
        : this(brokerHostName, MqttSettings.BrokerDefaultPort, false, null, null, MqttSslProtocols.None)
    {
    }

    /// <summary>A client for the broker (resolved now).</summary>
    public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
    {
        _life = StandIn.Life;
        Init(brokerHostName, brokerPort, secure, caCert?.GetRawCertData(), clientCert?.GetRawCertData(), sslProtocol);
    }

    /// <summary>A message arrived (M2Mqtt's own delegate type; the events use <see cref="IMqttClient"/>'s).</summary>
    public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

    /// <summary>A publish finished.</summary>
    public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

    /// <summary>A subscription was acknowledged.</summary>
    public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

    /// <summary>An unsubscription was acknowledged.</summary>
    public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

    /// <summary>The connection closed.</summary>
    public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

    /// <summary>An MQTT 5 connection opened.</summary>
    public delegate void ConnectionOpenedEventHandler(object sender, ConnectionOpenedEventArgs e);

    /// <summary>An MQTT 5 server asked to close.</summary>
    public delegate void ConnectionClosedRequestEventHandler(object sender, ConnectionClosedRequestEventArgs e);

    /// <summary>An MQTT 5 AUTH exchange.</summary>
    public delegate void MqttMsgAuthenticationEventHandler(object sender, MqttMsgAuthenticationEventArgs e);

    /// <inheritdoc />
    public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

    /// <inheritdoc />
    public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;

    /// <inheritdoc />
    public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;

    /// <inheritdoc />
    public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;

    /// <inheritdoc />
    public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

    /// <summary>An MQTT 5 connection opened.</summary>
    public event ConnectionOpenedEventHandler ConnectionOpened;

    /// <summary>An MQTT 5 server asked to close (not emulated: never raised).</summary>
    public event ConnectionClosedRequestEventHandler ConnectionClosedRequest
    {
        add { }
        remove { }
    }

    /// <summary>An MQTT 5 AUTH exchange (not emulated: never raised).</summary>
    public event MqttMsgAuthenticationEventHandler Authentication
    {
        add { }
        remove { }
    }

    /// <inheritdoc />
    public bool IsConnected
    {
        get
        {
            lock (_sync)
            {
                return _connected;
            }
        }
    }

    /// <summary>The client id of the last connect.</summary>
    public string ClientId { get; private set; }

    /// <summary>The clean-session flag of the last connect.</summary>
    public bool CleanSession { get; private set; }

    /// <summary>Whether the last connect set a Last Will.</summary>
    public bool WillFlag { get; private set; }

    /// <summary>The Last Will's QoS.</summary>
    public MqttQoSLevel WillQosLevel { get; private set; }

    /// <summary>The Last Will's topic.</summary>
    public string WillTopic { get; private set; }

    /// <summary>The Last Will's message.</summary>
    public string WillMessage { get; private set; }

    /// <summary>Protocol version (3.1.1 by default).</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; }

    /// <summary>The process-wide settings.</summary>
    public MqttSettings Settings => MqttSettings.Instance;

    /// <summary>MQTT 5 authentication method (not emulated).</summary>
    public string AuthenticationMethod { get; set; }

    /// <summary>MQTT 5 authentication data (not emulated).</summary>
    public byte[] AuthenticationData { get; set; }

    /// <summary>MQTT 5 session expiry, s.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>MQTT 5 request problem information.</summary>
    public bool RequestProblemInformation { get; set; }

    /// <summary>MQTT 5 request response information.</summary>
    public bool RequestResponseInformation { get; set; }

    /// <summary>MQTT 5 receive maximum.</summary>
    public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;

    /// <summary>MQTT 5 topic alias maximum.</summary>
    public ushort TopicAliasMaximum { get; set; }

    /// <summary>MQTT 5 Will delay, s.</summary>
    public uint WillDelayInterval { get; set; }

    /// <summary>MQTT 5 maximum packet size.</summary>
    public uint MaximumPacketSize { get; set; }

    /// <summary>MQTT 5 user properties.</summary>
    public ArrayList UserProperties { get; set; } = new();

    /// <summary>MQTT 5 enhanced authentication flow.</summary>
    public bool IsAuthenticationFlow { get; set; }

    /// <inheritdoc />
    public void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol)
    {
        if (secure)
        {
            throw new NotSupportedException("TLS is not emulated: connect the emulated devices to a plain MQTT listener");
        }

        // M2Mqtt resolves the name once, here, and keeps the first address.
        _endpoint = new IPEndPoint(_life.Board.Wifi.Resolve(brokerHostName), brokerPort);
        ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
    }

    /// <summary>Connects with a clean session and a 60 s keep-alive.</summary>
    public MqttReasonCode Connect(string clientId) => Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60);

    /// <summary>Connects.</summary>
    public MqttReasonCode Connect(string clientId, bool cleanSession) => Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, 60);

    /// <summary>Connects with credentials.</summary>
    public MqttReasonCode Connect(string clientId, string username, string password) => Connect(clientId, username, password, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60);

    /// <summary>Connects with credentials.</summary>
    public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod) =>
        Connect(clientId, username, password, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, keepAlivePeriod);

    /// <summary>
    /// Connects (with a Last Will when <paramref name="willFlag"/>); returns the broker's answer, and throws
    /// <see cref="MqttConnectionException"/> when the broker cannot be reached at all.
    /// </summary>
    public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
    {
        _life.ThrowIfDead();
        if (willFlag && (string.IsNullOrEmpty(willTopic) || willMessage == null))
        {
            throw new MqttClientException(MqttClientErrorCode.WillWrong);
        }

        // A leftover connection is dropped first, as M2Mqtt does since its 2026 hardening.
        AbortConnection();
        ClientId = clientId;
        CleanSession = cleanSession;
        WillFlag = willFlag;
        WillQosLevel = willQosLevel;
        WillTopic = willTopic;
        WillMessage = willMessage;

        int generation;
        lock (_sync)
        {
            generation = ++_generation;
        }

        var link = new LinkStreamProvider(_life.Board.Wifi);
        var builder = new MqttClientOptionsBuilder()
            .WithEndPoint(_endpoint)
            .WithStreamProvider(link)
            .WithClientId(clientId)
            .WithCleanSession(cleanSession)
            .WithProtocolVersion(ProtocolVersion switch
            {
                MqttProtocolVersion.Version_3_1 => MqttProtocolVersion310(),
                MqttProtocolVersion.Version_5 => MQTTnet.Formatter.MqttProtocolVersion.V500,
                _ => MQTTnet.Formatter.MqttProtocolVersion.V311,
            })
            .WithTimeout(TimeSpan.FromMilliseconds(MqttSettings.ConnectTimeout));
        builder = keepAlivePeriod == 0 ? builder.WithNoKeepAlive() : builder.WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAlivePeriod));
        if (username != null)
        {
            builder = builder.WithCredentials(username, password);
        }

        if (willFlag)
        {
            builder = builder
                .WithWillTopic(willTopic)
                .WithWillPayload(Encoding.UTF8.GetBytes(willMessage))
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)willQosLevel)
                .WithWillRetain(willRetain);
        }

        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            OnReceived(generation, e.ApplicationMessage);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ =>
        {
            OnDisconnected(generation, client, link);
            return Task.CompletedTask;
        };

        MqttClientConnectResult result;
        try
        {
            result = client.ConnectAsync(builder.Build(), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            link.Close();
            client.Dispose();
            var cause = ex is MQTTnet.Exceptions.MqttCommunicationException && ex.InnerException != null ? ex.InnerException : ex;
            throw new MqttConnectionException("Connection to the broker failed: " + cause.Message, cause);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            link.Close();
            client.Dispose();
            return ReasonCodeOf(result.ResultCode);
        }

        lock (_sync)
        {
            if (generation != _generation)
            {
                // Closed while connecting.
                link.Close();
                client.Dispose();
                return MqttReasonCode.UnspecifiedError;
            }

            _client = client;
            _link = link;
            _connected = true;
            if (!_dispatcherStarted)
            {
                _dispatcherStarted = true;
                _life.Clock.StartThread(DispatchEvents);
            }
        }

        if (ProtocolVersion == MqttProtocolVersion.Version_5)
        {
            Raise(() => ConnectionOpened?.Invoke(this, new ConnectionOpenedEventArgs(new MqttMsgConnack())));
        }

        return MqttReasonCode.Success;
    }

    /// <inheritdoc />
    public ushort Publish(string topic, byte[] message) => Publish(topic, message, null, null, MqttQoSLevel.AtMostOnce, false);

    /// <inheritdoc />
    public ushort Publish(string topic, byte[] message, string contentType) => Publish(topic, message, contentType, null, MqttQoSLevel.AtMostOnce, false);

    /// <summary>Publishes (QoS 0) with MQTT 5 user properties.</summary>
    public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties) =>
        Publish(topic, message, contentType, userProperties, MqttQoSLevel.AtMostOnce, false);

    /// <inheritdoc />
    public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
    {
        _life.ThrowIfDead();
        if (topic.Contains('#') || topic.Contains('+'))
        {
            throw new MqttClientException(MqttClientErrorCode.TopicWildcard);
        }

        if (topic.Length == 0 || topic.Length > 65535)
        {
            throw new MqttClientException(MqttClientErrorCode.TopicLength);
        }

        var id = NextMessageId();
        lock (_sync)
        {
            if (_inflight >= MqttSettings.Instance.InflightQueueSize)
            {
                throw new MqttClientException(MqttClientErrorCode.InflightQueueFull);
            }

            if (!_connected)
            {
                // Queued on a closed client: M2Mqtt clears its queues on the next close or connect.
                return id;
            }

            _inflight++;
            var generation = _generation;
            var client = _client;
            var hold = _life.Board.World.Clock.HoldTime();
            var payload = (byte[])message.Clone();
            _publishChain = _publishChain.ContinueWith(
                _ => PublishOneAsync(generation, client, id, topic, payload, qosLevel, retain, hold),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }

        return id;
    }

    /// <inheritdoc />
    public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
    {
        _life.ThrowIfDead();
        if (topics == null || topics.Length == 0)
        {
            throw new MqttClientException(MqttClientErrorCode.TopicsEmpty);
        }

        if (qosLevels == null || qosLevels.Length == 0)
        {
            throw new MqttClientException(MqttClientErrorCode.QosLevelsEmpty);
        }

        if (topics.Length != qosLevels.Length)
        {
            throw new MqttClientException(MqttClientErrorCode.TopicsQosLevelsNotMatch);
        }

        var id = NextMessageId();
        var (generation, client) = Current();
        if (client == null)
        {
            return id;
        }

        var hold = _life.Board.World.Clock.HoldTime();

        // In line with the publishes, as M2Mqtt writes packets in call order on its one socket: a status
        // published after Subscribe must not reach the broker before the SUBSCRIBE (a command sent on seeing
        // "online" would find no subscription).
        async Task SubscribeAsync()
        {
            try
            {
                var options = new MqttClientSubscribeOptionsBuilder();
                for (var i = 0; i < topics.Length; i++)
                {
                    options = options.WithTopicFilter(topics[i], (MqttQualityOfServiceLevel)qosLevels[i]);
                }

                var result = await client.SubscribeAsync(options.Build()).ConfigureAwait(false);
                var granted = result.Items.Select(item => (int)item.ResultCode <= 2 ? (MqttQoSLevel)(int)item.ResultCode : MqttQoSLevel.GrantedFailure).ToArray();
                RaiseIfCurrent(generation, () => MqttMsgSubscribed?.Invoke(this, new MqttMsgSubscribedEventArgs(id, granted)));
            }
            catch (Exception)
            {
                // The connection went; the subscription is lost with it.
            }
            finally
            {
                hold.Dispose();
            }
        }

        lock (_sync)
        {
            _publishChain = _publishChain.ContinueWith(_ => SubscribeAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        return id;
    }

    /// <inheritdoc />
    public ushort Unsubscribe(string[] topics)
    {
        _life.ThrowIfDead();
        if (topics == null || topics.Length == 0)
        {
            throw new MqttClientException(MqttClientErrorCode.TopicsEmpty);
        }

        var id = NextMessageId();
        var (generation, client) = Current();
        if (client == null)
        {
            return id;
        }

        var hold = _life.Board.World.Clock.HoldTime();
        _ = Task.Run(async () =>
        {
            try
            {
                var options = new MqttClientUnsubscribeOptionsBuilder();
                foreach (var topic in topics)
                {
                    options = options.WithTopicFilter(topic);
                }

                await client.UnsubscribeAsync(options.Build()).ConfigureAwait(false);
                RaiseIfCurrent(generation, () => MqttMsgUnsubscribed?.Invoke(this, new MqttMsgUnsubscribedEventArgs(id)));
            }
            catch (Exception)
            {
            }
            finally
            {
                hold.Dispose();
            }
        });
        return id;
    }

    /// <summary>Sends DISCONNECT (no Last Will is published), closes, and raises <see cref="ConnectionClosed"/>.</summary>
    public void Disconnect()
    {
        MQTTnet.IMqttClient client;
        LinkStreamProvider link;
        lock (_sync)
        {
            client = _client;
            link = _link;
            var wasConnected = _connected;
            _generation++;
            _connected = false;
            _client = null;
            _link = null;
            if (!wasConnected)
            {
                return;
            }
        }

        try
        {
            client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build())
                .Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Gone already.
        }

        link.Close();
        _ = Task.Run(client.Dispose);
        Raise(() => ConnectionClosed?.Invoke(this, EventArgs.Empty));
    }

    /// <summary>Closes the connection without DISCONNECT (the broker publishes the Last Will) and drops what is queued.</summary>
    public void Close() => AbortConnection();

    /// <summary>Closes and stops the dispatch thread.</summary>
    public void Dispose()
    {
        AbortConnection();
        lock (_sync)
        {
            _disposed = true;
            _eventSignal.Set();
        }

        GC.SuppressFinalize(this);
    }

    private static MQTTnet.Formatter.MqttProtocolVersion MqttProtocolVersion310() => MQTTnet.Formatter.MqttProtocolVersion.V310;

    private static MqttReasonCode ReasonCodeOf(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.UnsupportedProtocolVersion => MqttReasonCode.ConnectionRefusedUnacceptableProtocolVersion,
        MqttClientConnectResultCode.ClientIdentifierNotValid => MqttReasonCode.ConnectionRefusedIdentifierRejected,
        MqttClientConnectResultCode.ServerUnavailable => MqttReasonCode.ConnectionRefusedServerUnavailable,
        MqttClientConnectResultCode.BadUserNameOrPassword => MqttReasonCode.ConnectionRefusedBadUserNameOrPassword,
        MqttClientConnectResultCode.NotAuthorized => MqttReasonCode.ConnectionRefusedNotAuthorized,
        _ => Enum.IsDefined(typeof(MqttReasonCode), (byte)code) ? (MqttReasonCode)(byte)code : MqttReasonCode.UnspecifiedError,
    };

    private async Task PublishOneAsync(int generation, MQTTnet.IMqttClient client, ushort id, string topic, byte[] payload, MqttQoSLevel qos, bool retain, IDisposable hold)
    {
        try
        {
            if (!IsCurrent(generation))
            {
                return;
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
                .WithRetainFlag(retain)
                .Build();
            using var timeout = new CancellationTokenSource(MqttSettings.DefaultTimeout);
            var result = await client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            RaiseIfCurrent(generation, () => MqttMsgPublished?.Invoke(this, new MqttMsgPublishedEventArgs(id, result.IsSuccess)));
        }
        catch (Exception)
        {
            // The connection died with the message in flight: M2Mqtt drops its queue on close.
        }
        finally
        {
            lock (_sync)
            {
                _inflight--;
            }

            hold.Dispose();
        }
    }

    private void OnReceived(int generation, MqttApplicationMessage message)
    {
        var args = new MqttMsgPublishEventArgs(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), message.Dup, (MqttQoSLevel)message.QualityOfServiceLevel, message.Retain);
        RaiseIfCurrent(generation, () => MqttMsgPublishReceived?.Invoke(this, args));
    }

    private void OnDisconnected(int generation, MQTTnet.IMqttClient client, LinkStreamProvider link)
    {
        lock (_sync)
        {
            if (generation != _generation || !_connected)
            {
                return;
            }

            _generation++;
            _connected = false;
            _client = null;
            _link = null;
        }

        link.Close();
        _ = Task.Run(client.Dispose);
        Raise(() => ConnectionClosed?.Invoke(this, EventArgs.Empty));
    }

    private void AbortConnection()
    {
        MQTTnet.IMqttClient client;
        LinkStreamProvider link;
        lock (_sync)
        {
            _generation++;
            _connected = false;
            client = _client;
            link = _link;
            _client = null;
            _link = null;
        }

        link?.Close();
        if (client != null)
        {
            _ = Task.Run(client.Dispose);
        }
    }

    private (int Generation, MQTTnet.IMqttClient Client) Current()
    {
        lock (_sync)
        {
            return (_generation, _connected ? _client : null);
        }
    }

    private bool IsCurrent(int generation)
    {
        lock (_sync)
        {
            return generation == _generation && _connected;
        }
    }

    private ushort NextMessageId()
    {
        lock (_sync)
        {
            _nextId = _nextId >= ushort.MaxValue ? 1 : _nextId + 1;
            return (ushort)_nextId;
        }
    }

    private void RaiseIfCurrent(int generation, Action raise)
    {
        lock (_sync)
        {
            if (generation != _generation)
            {
                return;
            }

            _events.Enqueue(raise);
            _eventSignal.Set();
        }
    }

    private void Raise(Action raise)
    {
        lock (_sync)
        {
            _events.Enqueue(raise);
            _eventSignal.Set();
        }
    }

    // M2Mqtt's dispatch thread: events reach the application one at a time, in order, on this thread.
    private void DispatchEvents()
    {
        while (true)
        {
            _life.Clock.WaitFor(_eventSignal, Timeout.Infinite);
            Action[] batch;
            lock (_sync)
            {
                if (_disposed)
                {
                    return;
                }

                batch = [.. _events];
                _events.Clear();
                _eventSignal.Reset();
            }

            foreach (var raise in batch)
            {
                raise();
            }
        }
    }
}
