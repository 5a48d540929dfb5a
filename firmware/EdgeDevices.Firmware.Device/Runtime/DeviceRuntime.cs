using System;
using System.Device.Gpio;
using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Boot;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Firmware.Device.Status;
using EdgeDevices.Firmware.Device.Update;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace EdgeDevices.Firmware.Device.Runtime
{
    /// <summary>
    /// What every EdgeDevices app shares: boot (configuration, board pins, reset reason, boot id), the
    /// flash outbox every message goes through, the uplink that delivers it, health reports and the software
    /// watchdog; commands go to its <see cref="CommandProcessor"/>. An app boots the
    /// runtime, sets up its own hardware, starts the runtime with its command handler and then runs its
    /// loop, publishing through <see cref="Publish"/> and feeding the watchdog.
    /// </summary>
    public sealed class DeviceRuntime : IUplinkHousekeeping, IWatchdogAction, ICommandHost
    {
        private const int ConfigRetryMs = 30000;
        private const int OverflowEventIntervalMs = 3600000;

        private readonly object _publishSync = new object();
        private readonly DeviceContext _context;
        private readonly DeviceConfig _config;
        private readonly BoardPins _pins;
        private readonly DeviceLog _log;
        private readonly GpioController _gpio;
        private readonly StatusLed _led;
        private readonly ResetReasonStore _resetReasons;
        private readonly ResetReason _resetReason;
        private readonly MessageStamper _stamper;
        private readonly Outbox _outbox;
        private readonly SoftwareWatchdog _watchdog;
        private readonly CommandProcessor _commands;
        private readonly byte[] _record = new byte[OutboxRecord.MaxLength];
        private readonly UpdateAgent _updates;
        private IUplink _uplink;
        private RssiProbe _rssi;
        private long _nextHealthAt;
        private bool _healthSent;
        private uint _dropsReported;
        private uint _gatewayRejects;
        private long _overflowEventAt = -OverflowEventIntervalMs;

        private DeviceRuntime(DeviceContext context, DeviceLog log, DeviceConfig config, BoardPins pins)
        {
            _context = context;
            _log = log;
            _config = config;
            _pins = pins;
            IDeviceFiles files = context.Files;
            _gpio = new GpioController();
            _led = new StatusLed(_gpio, pins.StatusLedPin);
            _resetReasons = new ResetReasonStore(files);
            _resetReason = _resetReasons.ReadAndClear(Sleep.GetWakeupCause() == Sleep.WakeupCause.Timer);
            _stamper = new MessageStamper(new PersistentBootCounter(files.OpenRegion("boot", PersistentBootCounter.StorageSize), 0), context.Clock);
            int slotSize = Outbox.SlotOverhead + OutboxRecord.MaxLength;
            _outbox = new Outbox(files.OpenRegion("outbox", Outbox.SlotsStart + (config.OutboxSlots * slotSize)), slotSize);
            _dropsReported = _outbox.Drops;
            _watchdog = new SoftwareWatchdog(context.Clock, config.WatchdogSeconds, this);
            _commands = new CommandProcessor(config, files, context.Clock, log, this);
            _updates = new UpdateAgent(this, config);
        }

        /// <summary>The device's configuration.</summary>
        public DeviceConfig Config
        {
            get { return _config; }
        }

        /// <summary>The board's pin map.</summary>
        public BoardPins Pins
        {
            get { return _pins; }
        }

        /// <summary>Time and threads.</summary>
        public IClock Clock
        {
            get { return _context.Clock; }
        }

        /// <summary>What the app was started with.</summary>
        public DeviceContext Context
        {
            get { return _context; }
        }

        /// <summary>The flash drive.</summary>
        public IDeviceFiles Files
        {
            get { return _context.Files; }
        }

        /// <summary>The log.</summary>
        public DeviceLog Log
        {
            get { return _log; }
        }

        /// <summary>The GPIO controller (one per device).</summary>
        public GpioController Gpio
        {
            get { return _gpio; }
        }

        /// <summary>The watchdog the app's threads feed.</summary>
        public SoftwareWatchdog Watchdog
        {
            get { return _watchdog; }
        }

        /// <summary>Why this boot happened.</summary>
        public ResetReason ResetReason
        {
            get { return _resetReason; }
        }

        /// <summary>Records waiting in the outbox.</summary>
        public int OutboxDepth
        {
            get { return _outbox.Count; }
        }

        /// <summary>Version of the app that runs: an update bundle's, or the one built into the image.</summary>
        public string AppVersion
        {
            get { return _updates.RunningVersion; }
        }

        /// <summary>Whether the broker connection is up.</summary>
        public bool IsOnline
        {
            get { return _uplink != null && _uplink.IsConnected; }
        }

        /// <summary>
        /// Boots: reads the configuration (waiting, and re-reading every 30 s, while it is missing, invalid,
        /// for another role or for an unknown board, so a technician can deploy a fixed one) and opens the
        /// boot counter and the outbox.
        /// </summary>
        public static DeviceRuntime Boot(DeviceContext context, DeviceRole role)
        {
            DeviceLog log = new DeviceLog(context.Clock, context.LogSink);
            log.Info("EdgeDevices firmware " + FirmwareVersion.Text + " starting");
            while (true)
            {
                DeviceConfig config = ConfigLoader.Load(context.Files, log);
                if (config != null)
                {
                    BoardPins pins = BoardPins.ForName(config.Board);
                    if (config.Role != role)
                    {
                        log.Error("config.json is for another role than this firmware's", null);
                    }
                    else if (pins == null)
                    {
                        log.Error("config.json names board '" + config.Board + "', which this firmware does not know", null);
                    }
                    else
                    {
                        return new DeviceRuntime(context, log, config, pins);
                    }
                }

                context.Clock.Sleep(ConfigRetryMs);
            }
        }

        /// <summary>Starts the uplink and the watchdog and reports the boot.</summary>
        public void Start(ICommandHandler app)
        {
            _commands.Start(_updates, app);
            _log.Info("device " + _config.DeviceId + " up, reset reason " + ((int)_resetReason).ToString() + ", " + _outbox.Count.ToString() + " record(s) in the outbox");
            if (_outbox.CorruptRecordsSkipped > 0)
            {
                // A power cut tore a write: that record is lost, the others are intact.
                _log.Warn("outbox: " + _outbox.CorruptRecordsSkipped.ToString() + " damaged record(s) skipped");
            }
            RaiseEvent(EventCode.Boot, true, EventSeverity.Info, (int)_resetReason);
            if (_config.Transport == TransportKind.Mqtt && _config.Wifi != null)
            {
                WifiLink wifi = new WifiLink(_config.Wifi, _log);
                _rssi = new RssiProbe(_context.Clock, _config.Wifi.Ssid);
                _uplink = new MqttUplink(_config, _context.Clock, _log, _outbox, wifi, _watchdog, this);
                wifi.Start();
            }
            else if (_config.Transport == TransportKind.LoRaWan && _config.LoRaWan != null)
            {
                _uplink = new LoRaWanUplink(_config, _context.Clock, _log, _outbox, new LoRaModem(_pins, _log, _context.Clock), _watchdog, this);
            }
            else
            {
                _log.Warn("no uplink for this transport in this firmware: messages stay in the outbox");
            }

            if (_uplink != null)
            {
                _updates.Start(_uplink);
                _uplink.Start();
            }

            _nextHealthAt = _context.Clock.UptimeMilliseconds + (_config.HealthIntervalSeconds * 1000L);
            _watchdog.Start();
        }

        /// <summary>Stamps <paramref name="message"/>, stores it in the outbox and wakes the uplink; returns its outbox id.</summary>
        public uint Publish(Message message)
        {
            uint id;
            lock (_publishSync)
            {
                _stamper.Stamp(message);
                int length = OutboxRecord.Write(message, _config.Encoding, _record);
                id = _outbox.Enqueue(_record, 0, length);
            }

            if (_uplink != null)
            {
                _uplink.Wake();
            }

            return id;
        }

        /// <summary>Publishes an event being raised or cleared.</summary>
        public void RaiseEvent(EventCode code, bool raised, EventSeverity severity, int value)
        {
            DeviceEvent e = new DeviceEvent();
            e.Code = code;
            e.Raised = raised;
            e.Severity = severity;
            e.Value = (short)(value > short.MaxValue ? short.MaxValue : value < short.MinValue ? short.MinValue : value);
            Publish(e);
        }

        /// <summary>Restarts the device now, noting why for the next boot.</summary>
        public void Restart(ResetReason reason)
        {
            _log.Warn("restarting (reason " + ((int)reason).ToString() + ")");
            _resetReasons.Record(reason);
            _outbox.Checkpoint();
            Power.RebootDevice();
        }

        /// <inheritdoc />
        void IUplinkHousekeeping.OnConnected()
        {
            _led.Set(true);
            if (!_healthSent)
            {
                PublishHealth();
            }
        }

        /// <inheritdoc />
        void IUplinkHousekeeping.Tick()
        {
            long now = _context.Clock.UptimeMilliseconds;
            _led.Set(IsOnline);
            if (IsOnline && now >= _nextHealthAt)
            {
                PublishHealth();
            }

            uint drops = _outbox.Drops;
            if (drops > _dropsReported && now - _overflowEventAt >= OverflowEventIntervalMs)
            {
                _log.Warn("outbox full: " + (drops - _dropsReported).ToString() + " oldest record(s) dropped");
                _overflowEventAt = now;
                RaiseEvent(EventCode.OutboxOverflow, true, EventSeverity.Warning, (int)(drops - _dropsReported));
                _dropsReported = drops;
            }

            _commands.Tick();
            _updates.Tick();
        }

        /// <inheritdoc />
        void IUplinkHousekeeping.OnChunk(byte[] payload)
        {
            _updates.OnChunk(payload);
        }

        /// <inheritdoc />
        void IUplinkHousekeeping.OnRejectNotice(byte[] payload)
        {
            // The payload was acknowledged and is in the gateway's quarantine: sending it again would not make
            // it valid, so the device logs the reason for the technician and counts it in its health report.
            _gatewayRejects++;
            if (payload == null)
            {
                _log.Warn("gateway rejected a message (one of a burst of notices, not kept)");
                return;
            }

            try
            {
                RejectNotice notice = RejectNoticeJson.Decode(payload, 0, payload.Length);
                string which = notice.HasMessage ? "message boot " + notice.BootId.ToString() + " seq " + notice.Sequence.ToString() : "a payload";
                string field = notice.Field == null ? string.Empty : " (" + notice.Field + ")";
                _log.Warn("gateway rejected " + which + field + ": " + notice.Reason + "; quarantine entry " + notice.QuarantineId.ToString());
            }
            catch (CodecException ex)
            {
                _log.Warn("gateway rejected a message; its notice is unreadable (" + ex.Field + "): " + ex.Message);
            }
        }

        /// <summary>Reject notices from the gateway since boot.</summary>
        public uint GatewayRejects
        {
            get { return _gatewayRejects; }
        }

        /// <inheritdoc />
        void IUplinkHousekeeping.OnCommand(byte[] payload)
        {
            _commands.OnCommand(payload);
        }

        /// <inheritdoc />
        void IWatchdogAction.Bite(string name, int stuckSeconds)
        {
            _log.Error("watchdog: thread '" + name + "' stuck for " + stuckSeconds.ToString() + " s", null);
            RaiseEvent(EventCode.WatchdogReboot, true, EventSeverity.Critical, stuckSeconds);
            Restart(ResetReason.Watchdog);
        }

        /// <summary>Whether the record <paramref name="id"/> has left the outbox (delivered, or dropped by an overflow).</summary>
        internal bool IsDelivered(uint id)
        {
            return !_outbox.IsPending(id);
        }

        /// <summary>Publishes a health report now; returns its outbox id.</summary>
        internal uint PublishHealthNow()
        {
            return PublishHealth();
        }

        /// <inheritdoc />
        bool ICommandHost.IsDelivered(uint id)
        {
            return IsDelivered(id);
        }

        /// <inheritdoc />
        uint ICommandHost.PublishHealthNow()
        {
            return PublishHealth();
        }

        /// <inheritdoc />
        void ICommandHost.Reconnect()
        {
            if (_uplink != null)
            {
                _uplink.Reconnect();
            }
        }

        private uint PublishHealth()
        {
            HealthReport health = new HealthReport();
            health.FreeHeapBytes = nanoFramework.Runtime.Native.GC.Run(false);
            health.UptimeSeconds = (uint)(_context.Clock.UptimeMilliseconds / 1000);
            health.Rssi = _rssi == null ? (sbyte)0 : _rssi.Measure();
            health.ResetReason = _resetReason;
            health.FirmwareMajor = FirmwareVersion.Major;
            health.FirmwareMinor = FirmwareVersion.Minor;
            health.FirmwarePatch = FirmwareVersion.Patch;
            int depth = _outbox.Count;
            health.OutboxDepth = (ushort)(depth > ushort.MaxValue ? ushort.MaxValue : depth);
            health.OutboxDrops = _outbox.Drops;
            health.GatewayRejects = _gatewayRejects;
            uint id = Publish(health);
            _healthSent = true;
            _nextHealthAt = _context.Clock.UptimeMilliseconds + (_config.HealthIntervalSeconds * 1000L);
            return id;
        }
    }
}
