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
    public sealed class MqttUplink : OutboxUplink
    {
        /// <summary>Records in flight at once.</summary>
        public const int Window = 8;

        private const int AckTimeoutMs = 30000;
        private const int RecreateClientAfterFailures = 5;
        private const int MaxQueuedChunks = 2;
        private const int MaxQueuedRejects = 4;
        private const string Online = "online";
        private const string Offline = "offline";

        private readonly WifiLink _wifi;
        private readonly ReconnectBackoff _backoff;
        private readonly Hashtable _inflight = new Hashtable();
        private readonly ArrayList _commands = new ArrayList();
        private readonly ArrayList _chunks = new ArrayList();
        private readonly ArrayList _rejects = new ArrayList();
        private readonly string _statusTopic;
        private readonly string _commandTopic;
        private readonly string _chunkTopic;
        private readonly string _fetchTopic;
        private readonly string _rejectTopic;
        private int _rejectsUnread;
        private MqttClient _client;
        private bool _connected;
        private long _progressAt;
        private int _failures;

        /// <summary>An uplink for <paramref name="config"/> delivering <paramref name="outbox"/>.</summary>
        public MqttUplink(DeviceConfig config, IClock clock, DeviceLog log, Outbox outbox, WifiLink wifi, SoftwareWatchdog watchdog, IUplinkHousekeeping housekeeping)
            : base(config, clock, log, outbox, watchdog, housekeeping)
        {
            _wifi = wifi;
            _backoff = new ReconnectBackoff(2000, 300000, new Random());
            _statusTopic = MqttTopics.For(config.DeviceId, MqttTopics.Status);
            _commandTopic = MqttTopics.For(config.DeviceId, MqttTopics.Commands);
            _chunkTopic = MqttTopics.For(config.DeviceId, MqttTopics.Chunks);
            _fetchTopic = MqttTopics.For(config.DeviceId, MqttTopics.Fetch);
            _rejectTopic = MqttTopics.For(config.DeviceId, MqttTopics.Rejects);
        }

        /// <summary>Whether the broker connection is up.</summary>
        public override bool IsConnected
        {
            get
            {
                lock (Sync)
                {
                    return _connected;
                }
            }
        }

        /// <inheritdoc />
        public override bool CarriesDownloads
        {
            get { return true; }
        }

        /// <inheritdoc />
        public override bool Fetch(byte[] request)
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
                Log.Warn("chunk request failed: " + ex.Message);
                return false;
            }
        }

        /// <inheritdoc />
        public override void Reconnect()
        {
            if (IsConnected)
            {
                Log.Info("reconnecting with the rotated credentials");
                CloseConnection();
            }
        }

        /// <inheritdoc />
        protected override void Run()
        {
            while (true)
            {
                BeginPass();
                DispatchCommands();
                if (!_wifi.IsReady)
                {
                    Clock.WaitFor(_wifi.Ready, IdleWaitMs);
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
                    Log.Warn("broker stopped acknowledging: reconnecting");
                    CloseConnection();
                    continue;
                }

                WaitForWork();
            }
        }

        private bool TryConnect()
        {
            EdgeDevices.Firmware.Config.MqttSettings mqtt = Config.Mqtt;
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
                    Config.DeviceId,
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
                    Log.Warn("broker refused the connection (reason " + ((int)code).ToString() + ")");
                    Failed();
                    return false;
                }
            }
            catch (Exception ex)
            {
                Log.Warn("broker not reachable: " + ex.Message);
                Failed();
                return false;
            }

            lock (Sync)
            {
                _connected = true;
                _inflight.Clear();
                LastSent = 0;
            }

            _failures = 0;
            _backoff.Reset();
            _client.Subscribe(new string[] { _commandTopic, _chunkTopic, _rejectTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtMostOnce, MqttQoSLevel.AtLeastOnce });
            _client.Publish(_statusTopic, Encoding.UTF8.GetBytes(Online), null, null, MqttQoSLevel.AtLeastOnce, true);
            Log.Info("connected to " + mqtt.Host + ":" + mqtt.Port.ToString() + ", " + Outbox.Count.ToString() + " record(s) waiting");
            Housekeeping.OnConnected();
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
            lock (Sync)
            {
                while (_connected && _inflight.Count < Window)
                {
                    uint next = Outbox.NextPending(LastSent);
                    if (next == 0)
                    {
                        return;
                    }

                    LastSent = next;
                    int length = Outbox.Read(next, Record, 0);
                    if (length < 2)
                    {
                        continue;
                    }

                    byte[] payload;
                    try
                    {
                        payload = OutboxRecord.Payload(Record, length, Config.Encoding);
                    }
                    catch (Exception ex)
                    {
                        // A record this firmware cannot read would block the outbox for ever.
                        Log.Error("dropping unreadable outbox record " + next.ToString(), ex);
                        Outbox.Acknowledge(next);
                        continue;
                    }

                    string channel = MqttTopics.ChannelFor(OutboxRecord.TypeOf(Record));
                    ushort messageId;
                    try
                    {
                        messageId = _client.Publish(MqttTopics.For(Config.DeviceId, channel), payload, null, null, MqttQoSLevel.AtLeastOnce, channel == MqttTopics.State);
                    }
                    catch (Exception ex)
                    {
                        Log.Warn("publish failed: " + ex.Message);
                        LastSent = 0;
                        return;
                    }

                    if (_inflight.Count == 0)
                    {
                        _progressAt = Clock.UptimeMilliseconds;
                    }

                    _inflight[(int)messageId] = next;
                }
            }
        }

        private bool Stalled()
        {
            lock (Sync)
            {
                return _connected && _inflight.Count > 0 && Clock.UptimeMilliseconds - _progressAt > AckTimeoutMs;
            }
        }

        private void CloseConnection()
        {
            lock (Sync)
            {
                _connected = false;
                _inflight.Clear();
                LastSent = 0;
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
            lock (Sync)
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
                Housekeeping.OnRejectNotice((byte[])rejects[i]);
            }

            for (int i = 0; i < pending.Length; i++)
            {
                Housekeeping.OnCommand((byte[])pending[i]);
            }

            for (int i = 0; i < chunks.Length; i++)
            {
                Housekeeping.OnChunk((byte[])chunks[i]);
            }
        }


        // M2Mqtt's dispatch thread from here on.
        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            lock (Sync)
            {
                object key = (int)e.MessageId;
                if (!_inflight.Contains(key))
                {
                    return;
                }

                uint id = (uint)_inflight[key];
                _inflight.Remove(key);
                _progressAt = Clock.UptimeMilliseconds;
                if (e.IsPublished)
                {
                    Outbox.Acknowledge(id);
                }
                else
                {
                    LastSent = 0;
                }
            }

            Wake();
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            bool chunk = e.Topic == _chunkTopic;
            bool reject = e.Topic == _rejectTopic;
            if (e.Topic != _commandTopic && !chunk && !reject)
            {
                return;
            }

            lock (Sync)
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

            Wake();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            lock (Sync)
            {
                _connected = false;
                _inflight.Clear();
                LastSent = 0;
            }

            Log.Warn("broker connection lost");
            Wake();
        }
    }
}
