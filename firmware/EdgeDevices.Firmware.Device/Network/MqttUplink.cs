using System;
using System.Collections;
using System.Text;
using System.Threading;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Delivers the outbox to the MQTT broker on a thread of its own. M2Mqtt does not reconnect, drops its
    /// queue when a connection closes and forgets subscriptions, so this class owns all of that: it creates
    /// the client once the network is up (the constructor resolves the broker's name), connects with a
    /// Last Will (<c>status</c> = <c>offline</c>, retained) and a persistent session, publishes
    /// <c>online</c> and subscribes to its command, chunk and reject-notice topics after every connect, and retries with capped
    /// exponential backoff and jitter. Up to <see cref="Window"/> records are in flight at once, in outbox
    /// order; a record leaves the outbox only when the broker has acknowledged it, and everything not yet
    /// acknowledged is sent again, in order, after a reconnect (the gateway drops the duplicates). A
    /// connection that stops acknowledging is closed and made again.
    /// </summary>
    public sealed class MqttUplink : IUplink
    {
        /// <summary>Records in flight at once.</summary>
        public const int Window = 8;

        private const int AckTimeoutMs = 30000;
        private const int IdleWaitMs = 5000;
        private const int RecreateClientAfterFailures = 5;
        private const int MaxQueuedChunks = 2;
        private const int MaxQueuedRejects = 4;
        private const string Online = "online";
        private const string Offline = "offline";

        private readonly object _sync = new object();
        private readonly DeviceConfig _config;
        private readonly IClock _clock;
        private readonly DeviceLog _log;
        private readonly Outbox _outbox;
        private readonly WifiLink _wifi;
        private readonly SoftwareWatchdog _watchdog;
        private readonly IUplinkHousekeeping _housekeeping;
        private readonly ReconnectBackoff _backoff;
        private readonly ManualResetEvent _wake = new ManualResetEvent(false);
        private readonly Hashtable _inflight = new Hashtable();
        private readonly ArrayList _commands = new ArrayList();
        private readonly ArrayList _chunks = new ArrayList();
        private readonly ArrayList _rejects = new ArrayList();
        private readonly byte[] _record = new byte[OutboxRecord.MaxLength];
        private readonly string _statusTopic;
        private readonly string _commandTopic;
        private readonly string _chunkTopic;
        private readonly string _fetchTopic;
        private readonly string _rejectTopic;
        private int _rejectsUnread;
        private MqttClient _client;
        private bool _connected;
        private uint _lastSent;
        private long _progressAt;
        private int _failures;
        private int _watchdogHandle;

        /// <summary>An uplink for <paramref name="config"/> delivering <paramref name="outbox"/>.</summary>
        public MqttUplink(DeviceConfig config, IClock clock, DeviceLog log, Outbox outbox, WifiLink wifi, SoftwareWatchdog watchdog, IUplinkHousekeeping housekeeping)
        {
            _config = config;
            _clock = clock;
            _log = log;
            _outbox = outbox;
            _wifi = wifi;
            _watchdog = watchdog;
            _housekeeping = housekeeping;
            _backoff = new ReconnectBackoff(2000, 300000, new Random());
            _statusTopic = MqttTopics.For(config.DeviceId, MqttTopics.Status);
            _commandTopic = MqttTopics.For(config.DeviceId, MqttTopics.Commands);
            _chunkTopic = MqttTopics.For(config.DeviceId, MqttTopics.Chunks);
            _fetchTopic = MqttTopics.For(config.DeviceId, MqttTopics.Fetch);
            _rejectTopic = MqttTopics.For(config.DeviceId, MqttTopics.Rejects);
        }

        /// <summary>Whether the broker connection is up.</summary>
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

        /// <summary>Starts the uplink thread.</summary>
        public void Start()
        {
            _watchdogHandle = _watchdog.Register("uplink");
            _clock.StartThread(Run);
        }

        /// <summary>Something new is in the outbox.</summary>
        public void Wake()
        {
            _wake.Set();
        }

        /// <inheritdoc />
        public bool CarriesDownloads
        {
            get { return true; }
        }

        /// <inheritdoc />
        public bool Fetch(byte[] request)
        {
            if (!IsConnected)
            {
                return false;
            }

            try
            {
                _client.Publish(_fetchTopic, request, null, null, MqttQoSLevel.AtMostOnce, false);
                return true;
            }
            catch (Exception ex)
            {
                _log.Warn("chunk request failed: " + ex.Message);
                return false;
            }
        }

        /// <inheritdoc />
        public void Reconnect()
        {
            if (IsConnected)
            {
                _log.Info("reconnecting with the rotated credentials");
                CloseConnection();
            }
        }

        private void Run()
        {
            while (true)
            {
                _wake.Reset();
                _watchdog.Feed(_watchdogHandle);
                _housekeeping.Tick();
                DispatchCommands();
                if (!_wifi.IsReady)
                {
                    _clock.WaitFor(_wifi.Ready, IdleWaitMs);
                    continue;
                }

                if (!IsConnected && !TryConnect())
                {
                    SleepFeeding(_backoff.NextDelay());
                    continue;
                }

                SendPending();
                if (Stalled())
                {
                    _log.Warn("broker stopped acknowledging: reconnecting");
                    CloseConnection();
                    continue;
                }

                _clock.WaitFor(_wake, IdleWaitMs);
            }
        }

        private bool TryConnect()
        {
            EdgeDevices.Firmware.Config.MqttSettings mqtt = _config.Mqtt;
            try
            {
                if (_client == null)
                {
                    _client = new MqttClient(mqtt.Host, mqtt.Port, mqtt.Tls, null, null, mqtt.Tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                    _client.MqttMsgPublished += OnPublished;
                    _client.MqttMsgPublishReceived += OnReceived;
                    _client.ConnectionClosed += OnConnectionClosed;
                }

                MqttReasonCode code = _client.Connect(
                    _config.DeviceId,
                    mqtt.Username,
                    mqtt.Password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    _statusTopic,
                    Offline,
                    false,
                    (ushort)mqtt.KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    _log.Warn("broker refused the connection (reason " + ((int)code).ToString() + ")");
                    Failed();
                    return false;
                }
            }
            catch (Exception ex)
            {
                _log.Warn("broker not reachable: " + ex.Message);
                Failed();
                return false;
            }

            lock (_sync)
            {
                _connected = true;
                _inflight.Clear();
                _lastSent = 0;
            }

            _failures = 0;
            _backoff.Reset();
            _client.Subscribe(new string[] { _commandTopic, _chunkTopic, _rejectTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtMostOnce, MqttQoSLevel.AtLeastOnce });
            _client.Publish(_statusTopic, Encoding.UTF8.GetBytes(Online), null, null, MqttQoSLevel.AtLeastOnce, true);
            _log.Info("connected to " + mqtt.Host + ":" + mqtt.Port.ToString() + ", " + _outbox.Count.ToString() + " record(s) waiting");
            _housekeeping.OnConnected();
            return true;
        }

        // After repeated failures the client is made again, so the broker's name is resolved again.
        private void Failed()
        {
            _failures++;
            if (_failures >= RecreateClientAfterFailures && _client != null)
            {
                MqttClient client = _client;
                _client = null;
                _failures = 0;
                client.MqttMsgPublished -= OnPublished;
                client.MqttMsgPublishReceived -= OnReceived;
                client.ConnectionClosed -= OnConnectionClosed;
                client.Dispose();
            }
        }

        private void SendPending()
        {
            lock (_sync)
            {
                while (_connected && _inflight.Count < Window)
                {
                    uint next = _outbox.NextPending(_lastSent);
                    if (next == 0)
                    {
                        return;
                    }

                    _lastSent = next;
                    int length = _outbox.Read(next, _record, 0);
                    if (length < 2)
                    {
                        continue;
                    }

                    byte[] payload;
                    try
                    {
                        payload = OutboxRecord.Payload(_record, length, _config.Encoding);
                    }
                    catch (Exception ex)
                    {
                        // A record this firmware cannot read would block the outbox for ever.
                        _log.Error("dropping unreadable outbox record " + next.ToString(), ex);
                        _outbox.Acknowledge(next);
                        continue;
                    }

                    string channel = MqttTopics.ChannelFor(OutboxRecord.TypeOf(_record));
                    ushort messageId;
                    try
                    {
                        messageId = _client.Publish(MqttTopics.For(_config.DeviceId, channel), payload, null, null, MqttQoSLevel.AtLeastOnce, channel == MqttTopics.State);
                    }
                    catch (Exception ex)
                    {
                        _log.Warn("publish failed: " + ex.Message);
                        _lastSent = 0;
                        return;
                    }

                    if (_inflight.Count == 0)
                    {
                        _progressAt = _clock.UptimeMilliseconds;
                    }

                    _inflight[(int)messageId] = next;
                }
            }
        }

        private bool Stalled()
        {
            lock (_sync)
            {
                return _connected && _inflight.Count > 0 && _clock.UptimeMilliseconds - _progressAt > AckTimeoutMs;
            }
        }

        private void CloseConnection()
        {
            lock (_sync)
            {
                _connected = false;
                _inflight.Clear();
                _lastSent = 0;
            }

            if (_client != null)
            {
                _client.Close();
            }
        }

        private void DispatchCommands()
        {
            object[] pending;
            object[] chunks;
            object[] rejects;
            lock (_sync)
            {
                if (_commands.Count == 0 && _chunks.Count == 0 && _rejects.Count == 0 && _rejectsUnread == 0)
                {
                    return;
                }

                for (int i = 0; i < _rejectsUnread; i++)
                {
                    _rejects.Add(null);
                }

                _rejectsUnread = 0;

                pending = _commands.ToArray();
                _commands.Clear();
                chunks = _chunks.ToArray();
                _chunks.Clear();
                rejects = _rejects.ToArray();
                _rejects.Clear();
            }

            for (int i = 0; i < rejects.Length; i++)
            {
                _housekeeping.OnRejectNotice((byte[])rejects[i]);
            }

            for (int i = 0; i < pending.Length; i++)
            {
                _housekeeping.OnCommand((byte[])pending[i]);
            }

            for (int i = 0; i < chunks.Length; i++)
            {
                _housekeeping.OnChunk((byte[])chunks[i]);
            }
        }

        private void SleepFeeding(int milliseconds)
        {
            FeedingSleep.Run(_clock, _watchdog, _watchdogHandle, _housekeeping, milliseconds, IdleWaitMs);
        }

        // M2Mqtt's dispatch thread from here on.
        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            lock (_sync)
            {
                object key = (int)e.MessageId;
                if (!_inflight.Contains(key))
                {
                    return;
                }

                uint id = (uint)_inflight[key];
                _inflight.Remove(key);
                _progressAt = _clock.UptimeMilliseconds;
                if (e.IsPublished)
                {
                    _outbox.Acknowledge(id);
                }
                else
                {
                    _lastSent = 0;
                }
            }

            _wake.Set();
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            bool chunk = e.Topic == _chunkTopic;
            bool reject = e.Topic == _rejectTopic;
            if (e.Topic != _commandTopic && !chunk && !reject)
            {
                return;
            }

            lock (_sync)
            {
                if (reject)
                {
                    // A burst of notices (a sensor gone bad) keeps no more than a few in RAM; the rest are only counted.
                    if (_rejects.Count < MaxQueuedRejects)
                    {
                        _rejects.Add(e.Message);
                    }
                    else
                    {
                        _rejectsUnread++;
                    }
                }
                else if (!chunk)
                {
                    _commands.Add(e.Message);
                }
                else if (_chunks.Count < MaxQueuedChunks)
                {
                    // A device asks for one chunk at a time; more queued means stray answers, not worth the RAM.
                    _chunks.Add(e.Message);
                }
            }

            _wake.Set();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            lock (_sync)
            {
                _connected = false;
                _inflight.Clear();
                _lastSent = 0;
            }

            _log.Warn("broker connection lost");
            _wake.Set();
        }
    }
}
