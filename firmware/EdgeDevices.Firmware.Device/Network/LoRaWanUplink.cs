using System;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;
using nanoFramework.Runtime.Native;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Delivers the outbox over LoRaWAN through the AT modem, on a thread of its own. It joins by OTAA (with
    /// backoff up to an hour), then sends the oldest records first: as many whole compact messages as fit
    /// the current data rate's payload go in one frame on port 1; a message larger than that is split into
    /// fragments on port 2; when not even a fragment fits (the modem owes the network MAC answers), an empty
    /// frame goes first to flush them — the message waits, it is never cut. Every transmission is counted
    /// against the duty cycle (<see cref="AirtimeBudget"/>).
    /// Records leave the outbox only once the network has acknowledged a confirmed uplink sent after them
    /// (<see cref="DeliveryVerifier"/>); every frame carrying a raised warning or alarm goes confirmed too.
    /// No acknowledgement means the link was down: everything since the last acknowledged frame goes again,
    /// in order, after a pause (the gateway drops what it already has). So the outbox keeps what the network
    /// has not confirmed, as it does over MQTT.
    /// Downlinks (commands, whole or in fragments) go to the runtime, and a "frame pending" from the network
    /// brings an empty uplink soon to fetch the rest.
    /// </summary>
    public sealed class LoRaWanUplink : IUplink
    {
        private const int IdleWaitMs = 5000;
        private const int MaxFrame = 242;
        private const long TimeSyncIntervalMs = 86400000;

        private readonly object _sync = new object();
        private readonly DeviceConfig _config;
        private readonly IClock _clock;
        private readonly DeviceLog _log;
        private readonly Outbox _outbox;
        private readonly SoftwareWatchdog _watchdog;
        private readonly IUplinkHousekeeping _housekeeping;
        private readonly LoRaModem _modem;
        private readonly LoRaRegion _region;
        private readonly AirtimeBudget _budget;
        private readonly ReconnectBackoff _joinBackoff;
        private readonly FragmentAssembler _downlinks = new FragmentAssembler();
        private readonly System.Threading.ManualResetEvent _wake = new System.Threading.ManualResetEvent(false);
        private readonly byte[] _record = new byte[OutboxRecord.MaxLength];
        private readonly byte[] _frame = new byte[MaxFrame];
        private readonly uint[] _framed = new uint[MaxFrame / CompactCodec.HeaderSize];
        private readonly DeliveryVerifier _verifier;
        private uint _lastSent;
        private bool _joined;
        private bool _modemReady;
        private bool _pollSoon;
        private bool _timeWanted = true;
        private long _timeSyncedAt = -1;
        private byte _fragmentTag;
        private int _watchdogHandle;

        /// <summary>An uplink for <paramref name="config"/> delivering <paramref name="outbox"/> through <paramref name="modem"/>.</summary>
        public LoRaWanUplink(DeviceConfig config, IClock clock, DeviceLog log, Outbox outbox, LoRaModem modem, SoftwareWatchdog watchdog, IUplinkHousekeeping housekeeping)
        {
            _config = config;
            _clock = clock;
            _log = log;
            _outbox = outbox;
            _verifier = new DeliveryVerifier(outbox);
            _modem = modem;
            _watchdog = watchdog;
            _housekeeping = housekeeping;
            _region = LoRaRegion.ForName(config.LoRaWan.Region);
            _budget = new AirtimeBudget(config.LoRaWan.DutyCyclePermille > 0 ? config.LoRaWan.DutyCyclePermille : _region.DutyCyclePermille);
            _joinBackoff = new ReconnectBackoff(15000, 3600000, new Random());
        }

        /// <summary>Whether the device has joined the network.</summary>
        public bool IsConnected
        {
            get
            {
                lock (_sync)
                {
                    return _joined;
                }
            }
        }

        /// <summary>Time on air so far, ms.</summary>
        public long AirtimeMilliseconds
        {
            get { return _budget.TotalAirtimeMilliseconds; }
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
            get { return false; }
        }

        /// <inheritdoc />
        public bool Fetch(byte[] request)
        {
            return false;
        }

        /// <inheritdoc />
        public void Reconnect()
        {
            // A LoRaWAN session has no password: the rotated command key takes effect on its own.
        }

        private void Run()
        {
            while (true)
            {
                _wake.Reset();
                _watchdog.Feed(_watchdogHandle);
                _housekeeping.Tick();
                if (!_modemReady && !PrepareModem())
                {
                    SleepFeeding(_joinBackoff.NextDelay());
                    continue;
                }

                if (!IsConnected && !TryJoin())
                {
                    SleepFeeding(_joinBackoff.NextDelay());
                    continue;
                }

                long wait = _budget.WaitAt(_clock.UptimeMilliseconds);
                if (wait > 0)
                {
                    SleepFeeding(wait > int.MaxValue ? int.MaxValue : (int)wait);
                    continue;
                }

                uint first = _outbox.NextPending(_lastSent);
                if (first == 0)
                {
                    if (_pollSoon)
                    {
                        SendEmpty();
                        continue;
                    }

                    _clock.WaitFor(_wake, IdleWaitMs);
                    continue;
                }

                SendFrom(first);
            }
        }

        private bool PrepareModem()
        {
            try
            {
                _modem.Open();
                if (_region == null || !_modem.Setup(_config.LoRaWan, _region))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                _log.Warn("modem not usable: " + ex.Message);
                return false;
            }

            _modemReady = true;
            return true;
        }

        private bool TryJoin()
        {
            _log.Info("joining the LoRaWAN network (" + _region.Name + ")");
            if (!_modem.Join())
            {
                return false;
            }

            lock (_sync)
            {
                _joined = true;
            }

            _joinBackoff.Reset();
            _timeWanted = _modem.RequestTime();
            _log.Info("joined, " + _outbox.Count.ToString() + " record(s) waiting");
            _housekeeping.OnConnected();
            return true;
        }

        // One transmission's worth: a frame of whole messages, or all fragments of one large message.
        private void SendFrom(uint first)
        {
            int max = _modem.MaxPayload();
            if (max < 0)
            {
                max = _region.MaxPayload(_modem.DataRate());
            }

            int length = _outbox.Read(first, _record, 0);
            if (length < 2 || !IsCompact(_record, length))
            {
                _log.Error("dropping outbox record " + first.ToString() + ": not a compact message", null);
                _outbox.Acknowledge(first);
                return;
            }

            if (length - 1 > max)
            {
                SendFragments(first, length - 1, max);
                return;
            }

            bool alarm = false;
            int used = 0;
            int count = 0;
            uint id = first;
            while (id != 0 && count < _framed.Length)
            {
                int size = id == first ? length : _outbox.Read(id, _record, 0);
                if (size < 2 || used + size - 1 > max || !IsCompact(_record, size))
                {
                    break;
                }

                Array.Copy(_record, 1, _frame, used, size - 1);
                used += size - 1;
                alarm = alarm || IsAlarm(_record, size);
                _framed[count++] = id;
                id = _outbox.NextPending(id);
            }

            bool confirmed = alarm || _verifier.NeedsConfirmation(_clock.UptimeMilliseconds);
            ModemTransmission result = Transmit(_frame, used, LoRaPorts.Messages, confirmed);
            if (Transmitted(result))
            {
                for (int i = 0; i < count; i++)
                {
                    _verifier.Carried(_framed[i]);
                }

                _lastSent = _framed[count - 1];
            }

            Settle(result);
        }

        private void SendFragments(uint id, int length, int max)
        {
            int count = Fragments.Count(length, max);
            if (count == 0)
            {
                // Not even one byte fits beside the fragment header: the modem's pending MAC answers take the
                // room. An empty frame carries them; the message waits for the next pass.
                _log.Warn("uplink room " + max.ToString() + " B: sending an empty frame first");
                SendEmpty();
                return;
            }

            byte[] message = new byte[length];
            Array.Copy(_record, 1, message, 0, length);
            bool alarm = IsAlarm(_record, length + 1);
            _fragmentTag++;
            for (int i = 0; i < count; i++)
            {
                int frameLength = Fragments.Write(message, length, _fragmentTag, i, count, _frame);
                bool last = i == count - 1;
                ModemTransmission result;
                do
                {
                    long wait = _budget.WaitAt(_clock.UptimeMilliseconds);
                    if (wait > 0)
                    {
                        SleepFeeding((int)wait);
                    }

                    // The last fragment vouches for the message when a confirmation is due.
                    result = Transmit(_frame, frameLength, LoRaPorts.Fragment, last && (alarm || _verifier.NeedsConfirmation(_clock.UptimeMilliseconds)));
                }
                while (result.Outcome == ModemOutcome.BandBusy);

                if (!Transmitted(result))
                {
                    // The whole message goes again later, under a new tag.
                    Settle(result);
                    return;
                }

                if (last)
                {
                    _verifier.Carried(id);
                    _lastSent = id;
                }

                Settle(result);
                if (result.Outcome == ModemOutcome.NotAcknowledged)
                {
                    return;
                }
            }
        }

        private static bool Transmitted(ModemTransmission result)
        {
            return result.Outcome == ModemOutcome.Sent || result.Outcome == ModemOutcome.Acknowledged || result.Outcome == ModemOutcome.NotAcknowledged;
        }

        // What a transmission proves (see DeliveryVerifier); without an acknowledgement everything unproved goes
        // again after a pause, or after a fresh join.
        private void Settle(ModemTransmission result)
        {
            if (result.Outcome == ModemOutcome.Sent)
            {
                _verifier.SentUnconfirmed();
            }
            else if (result.Outcome == ModemOutcome.Acknowledged)
            {
                _verifier.Acknowledged(_clock.UptimeMilliseconds);
            }
            else if (result.Outcome == ModemOutcome.NotAcknowledged)
            {
                _log.Warn("no acknowledgement from the network: " + _verifier.Unproved.ToString() + " record(s) go again");
                _lastSent = 0;
                int pause = _verifier.NotAcknowledged();
                if (pause == DeliveryVerifier.Rejoin)
                {
                    lock (_sync)
                    {
                        _joined = false;
                    }

                    return;
                }

                SleepFeeding(pause);
            }
        }

        // Unproved records are sent again from the oldest.
        private void Rewind()
        {
            _verifier.Rewind();
            _lastSent = 0;
        }

        private void SendEmpty()
        {
            _pollSoon = false;
            Transmit(_frame, 0, LoRaPorts.Messages, false);
        }

        private ModemTransmission Transmit(byte[] frame, int length, int port, bool confirmed)
        {
            int dataRate = _modem.DataRate();
            long startedAt = _clock.UptimeMilliseconds;
            ModemTransmission result = _modem.Send(frame, length, port, confirmed);
            _watchdog.Feed(_watchdogHandle);
            switch (result.Outcome)
            {
                case ModemOutcome.BandBusy:
                    _budget.BandBusy(_clock.UptimeMilliseconds, result.WaitMs);
                    return result;
                case ModemOutcome.NotJoined:
                    _log.Warn("the modem lost its session: joining again");
                    lock (_sync)
                    {
                        _joined = false;
                    }

                    Rewind();
                    return result;
                case ModemOutcome.TooLong:
                    _log.Warn("modem refused " + length.ToString() + " B as too long at DR" + dataRate.ToString());
                    _pollSoon = true;
                    return result;
                case ModemOutcome.Failed:
                    _log.Warn("uplink failed: " + result.Detail);
                    _modemReady = false;
                    lock (_sync)
                    {
                        _joined = false;
                    }

                    Rewind();
                    return result;
            }

            // Transmitted (acknowledged or not): it took airtime. A confirmed frame the network did not
            // acknowledge was sent several times by the modem; count it once more at least.
            int airtime = _region.AirtimeMilliseconds(length, dataRate < 0 ? _region.DefaultDataRate : dataRate);
            _budget.Transmitted(startedAt, result.Outcome == ModemOutcome.NotAcknowledged ? airtime * 2 : airtime);
            if (result.FramePending)
            {
                _pollSoon = true;
            }

            if (result.Downlink != null)
            {
                Downlink(result.DownlinkPort, result.Downlink);
            }

            SyncTime();
            return result;
        }

        // No SNTP without Wi-Fi: the wall clock (stamps, the astronomical schedule, override expiry) comes
        // from the network's DeviceTimeAns, asked for after the join and again once a day.
        private void SyncTime()
        {
            long now = _clock.UptimeMilliseconds;
            if (!_timeWanted)
            {
                if (_timeSyncedAt >= 0 && now - _timeSyncedAt < TimeSyncIntervalMs)
                {
                    return;
                }

                _timeWanted = _modem.RequestTime();
                return;
            }

            DateTime time = _modem.NetworkTime();
            if (time == DateTime.MinValue)
            {
                return;
            }

            Rtc.SetSystemTime(time);
            _timeWanted = false;
            if (_timeSyncedAt < 0)
            {
                _log.Info("clock set from the network: " + time.ToString("yyyy-MM-dd HH:mm:ss") + " UTC");
            }

            _timeSyncedAt = now;
        }

        private void Downlink(int port, byte[] data)
        {
            if (port == LoRaPorts.Messages)
            {
                _housekeeping.OnCommand(data);
                return;
            }

            if (port == LoRaPorts.Fragment)
            {
                byte[] whole = _downlinks.Add(data, 0, data.Length);
                if (whole != null)
                {
                    _housekeeping.OnCommand(whole);
                }
                else if (_downlinks.LastError != null)
                {
                    _log.Warn("downlink fragment refused: " + _downlinks.LastError);
                }

                return;
            }

            _log.Warn("downlink on unused port " + port.ToString() + " ignored");
        }

        private static bool IsCompact(byte[] record, int length)
        {
            return MessageFrames.LengthAt(record, 1, length) == length - 1;
        }

        // A raised event of warning severity or worse must reach the gateway: it goes confirmed.
        private static bool IsAlarm(byte[] record, int length)
        {
            if (OutboxRecord.TypeOf(record) != MessageType.Event)
            {
                return false;
            }

            try
            {
                DeviceEvent e = (DeviceEvent)CompactCodec.Decode(record, 1, length - 1);
                return e.Raised && e.Severity != EventSeverity.Info;
            }
            catch (CodecException)
            {
                return false;
            }
        }

        private void SleepFeeding(int milliseconds)
        {
            FeedingSleep.Run(_clock, _watchdog, _watchdogHandle, _housekeeping, milliseconds, IdleWaitMs);
        }
    }
}
