using System;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.LoRaWan;
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
    public sealed class LoRaWanUplink : OutboxUplink
    {
        private const int MaxFrame = 242;

        private readonly LoRaModem _modem;
        private readonly LoRaRegion _region;
        private readonly AirtimeBudget _budget;
        private readonly ReconnectBackoff _joinBackoff;
        private readonly FragmentAssembler _downlinks = new FragmentAssembler();
        private readonly byte[] _frame = new byte[MaxFrame];
        private readonly FramePacker _packer = new FramePacker(MaxFrame);
        private readonly DeliveryVerifier _verifier;
        private bool _joined;
        private bool _modemReady;
        private bool _pollSoon;
        private readonly NetworkTimeSchedule _time = new NetworkTimeSchedule();
        private byte _fragmentTag;

        /// <summary>An uplink for <paramref name="config"/> delivering <paramref name="outbox"/> through <paramref name="modem"/>.</summary>
        public LoRaWanUplink(DeviceConfig config, IClock clock, DeviceLog log, Outbox outbox, LoRaModem modem, SoftwareWatchdog watchdog, IUplinkHousekeeping housekeeping)
            : base(config, clock, log, outbox, watchdog, housekeeping)
        {
            _verifier = new DeliveryVerifier(outbox);
            _modem = modem;
            _region = LoRaRegion.ForName(config.LoRaWan.Region);
            _budget = new AirtimeBudget(config.LoRaWan.DutyCyclePermille > 0 ? config.LoRaWan.DutyCyclePermille : _region.DutyCyclePermille);
            _joinBackoff = new ReconnectBackoff(15000, 3600000, new Random());
        }

        /// <summary>Whether the device has joined the network.</summary>
        public override bool IsConnected
        {
            get
            {
                lock (Sync)
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

        /// <inheritdoc />
        public override bool CarriesDownloads
        {
            get { return false; }
        }

        /// <inheritdoc />
        public override bool Fetch(byte[] request)
        {
            return false;
        }

        /// <inheritdoc />
        public override void Reconnect()
        {
            // A LoRaWAN session has no password: the rotated command key takes effect on its own.
        }

        /// <inheritdoc />
        protected override void Run()
        {
            while (true)
            {
                BeginPass();
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

                long wait = _budget.WaitAt(Clock.UptimeMilliseconds);
                if (wait > 0)
                {
                    SleepFeeding(wait > int.MaxValue ? int.MaxValue : (int)wait);
                    continue;
                }

                uint first = Outbox.NextPending(LastSent);
                if (first == 0)
                {
                    if (_pollSoon)
                    {
                        SendEmpty();
                        continue;
                    }

                    WaitForWork();
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
                if (_region == null || !_modem.Setup(Config.LoRaWan, _region))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                Log.Warn("modem not usable: " + ex.Message);
                return false;
            }

            _modemReady = true;
            return true;
        }

        private bool TryJoin()
        {
            Log.Info("joining the LoRaWAN network (" + _region.Name + ")");
            if (!_modem.Join())
            {
                return false;
            }

            lock (Sync)
            {
                _joined = true;
            }

            _joinBackoff.Reset();
            _time.Asked(_modem.RequestTime());
            Log.Info("joined, " + Outbox.Count.ToString() + " record(s) waiting");
            Housekeeping.OnConnected();
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

            int length = Outbox.Read(first, Record, 0);
            if (length < 2 || !FramePacker.IsCompact(Record, length))
            {
                Log.Error("dropping outbox record " + first.ToString() + ": not a compact message", null);
                Outbox.Acknowledge(first);
                return;
            }

            if (length - 1 > max)
            {
                SendFragments(first, length - 1, max);
                return;
            }

            int used = _packer.Pack(Outbox, first, max);
            bool confirmed = _packer.CarriesAlarm || _verifier.NeedsConfirmation(Clock.UptimeMilliseconds);
            ModemTransmission result = Transmit(_packer.Frame, used, LoRaPorts.Messages, confirmed);
            if (Transmitted(result))
            {
                for (int i = 0; i < _packer.Count; i++)
                {
                    _verifier.Carried(_packer.Carried(i));
                }

                LastSent = _packer.Carried(_packer.Count - 1);
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
                Log.Warn("uplink room " + max.ToString() + " B: sending an empty frame first");
                SendEmpty();
                return;
            }

            byte[] message = new byte[length];
            Array.Copy(Record, 1, message, 0, length);
            bool alarm = FramePacker.IsAlarm(Record, length + 1);
            _fragmentTag++;
            for (int i = 0; i < count; i++)
            {
                int frameLength = Fragments.Write(message, length, _fragmentTag, i, count, _frame);
                bool last = i == count - 1;
                ModemTransmission result;
                do
                {
                    long wait = _budget.WaitAt(Clock.UptimeMilliseconds);
                    if (wait > 0)
                    {
                        SleepFeeding((int)wait);
                    }

                    // The last fragment vouches for the message when a confirmation is due.
                    result = Transmit(_frame, frameLength, LoRaPorts.Fragment, last && (alarm || _verifier.NeedsConfirmation(Clock.UptimeMilliseconds)));
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
                    LastSent = id;
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
                _verifier.Acknowledged(Clock.UptimeMilliseconds);
            }
            else if (result.Outcome == ModemOutcome.NotAcknowledged)
            {
                Log.Warn("no acknowledgement from the network: " + _verifier.Unproved.ToString() + " record(s) go again");
                LastSent = 0;
                int pause = _verifier.NotAcknowledged();
                if (pause == DeliveryVerifier.Rejoin)
                {
                    lock (Sync)
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
            LastSent = 0;
        }

        private void SendEmpty()
        {
            _pollSoon = false;
            Transmit(_frame, 0, LoRaPorts.Messages, false);
        }

        private ModemTransmission Transmit(byte[] frame, int length, int port, bool confirmed)
        {
            int dataRate = _modem.DataRate();
            long startedAt = Clock.UptimeMilliseconds;
            ModemTransmission result = _modem.Send(frame, length, port, confirmed);
            Watchdog.Feed(WatchdogHandle);
            switch (result.Outcome)
            {
                case ModemOutcome.BandBusy:
                    _budget.BandBusy(Clock.UptimeMilliseconds, result.WaitMs);
                    return result;
                case ModemOutcome.NotJoined:
                    Log.Warn("the modem lost its session: joining again");
                    lock (Sync)
                    {
                        _joined = false;
                    }

                    Rewind();
                    return result;
                case ModemOutcome.TooLong:
                    Log.Warn("modem refused " + length.ToString() + " B as too long at DR" + dataRate.ToString());
                    _pollSoon = true;
                    return result;
                case ModemOutcome.Failed:
                    Log.Warn("uplink failed: " + result.Detail);
                    _modemReady = false;
                    lock (Sync)
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

        // The network's time (see NetworkTimeSchedule): asked for when due, taken when the answer has come.
        private void SyncTime()
        {
            long now = Clock.UptimeMilliseconds;
            if (!_time.Awaiting)
            {
                if (_time.DueAt(now))
                {
                    _time.Asked(_modem.RequestTime());
                }

                return;
            }

            DateTime time = _modem.NetworkTime();
            if (time == DateTime.MinValue)
            {
                return;
            }

            Rtc.SetSystemTime(time);
            if (!_time.EverSynced)
            {
                Log.Info("clock set from the network: " + time.ToString("yyyy-MM-dd HH:mm:ss") + " UTC");
            }

            _time.Answered(now);
        }

        private void Downlink(int port, byte[] data)
        {
            if (port == LoRaPorts.Messages)
            {
                Housekeeping.OnCommand(data);
                return;
            }

            if (port == LoRaPorts.Fragment)
            {
                byte[] whole = _downlinks.Add(data, 0, data.Length);
                if (whole != null)
                {
                    Housekeeping.OnCommand(whole);
                }
                else if (_downlinks.LastError != null)
                {
                    Log.Warn("downlink fragment refused: " + _downlinks.LastError);
                }

                return;
            }

            Log.Warn("downlink on unused port " + port.ToString() + " ignored");
        }
    }
}
