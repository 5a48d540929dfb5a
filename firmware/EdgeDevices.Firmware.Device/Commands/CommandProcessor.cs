using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Boot;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Commands
{
    /// <summary>
    /// What the device does with a message on its command topic: decodes it (JSON or compact), checks it with
    /// the core's <see cref="CommandGuard"/> (MAC under the command key, a counter above the last accepted one,
    /// expiry), carries out the kinds every device understands (health request, reboot, update, credential
    /// rotation) or hands it to the app, acknowledges it, and keeps the guard's state on flash. A reboot and a
    /// switch to rotated credentials wait, in <see cref="Tick"/>, until the gateway has the acknowledgement.
    /// </summary>
    public sealed class CommandProcessor
    {
        private const int RebootAckWaitMs = 15000;

        private readonly DeviceConfig _config;
        private readonly IDeviceFiles _files;
        private readonly IClock _clock;
        private readonly DeviceLog _log;
        private readonly ICommandHost _host;
        private readonly CommandGuardStore _guardStore;
        private CommandGuard _guard;
        private ICommandHandler _app;
        private ICommandHandler _updates;
        private uint _rebootAck;
        private long _rebootRequestedAt = -1;
        private DeviceCredentials _rotated;
        private uint _rotateAck;
        private long _rotateRequestedAt = -1;

        /// <summary>A processor for the device configured by <paramref name="config"/>, resuming the guard's state from <paramref name="files"/>.</summary>
        public CommandProcessor(DeviceConfig config, IDeviceFiles files, IClock clock, DeviceLog log, ICommandHost host)
        {
            _config = config;
            _files = files;
            _clock = clock;
            _log = log;
            _host = host;
            _guardStore = new CommandGuardStore(files);
            _guard = _guardStore.Load(config.DeviceId, config.CommandKey);
            if (!_guard.HasKey)
            {
                log.Warn("no command key provisioned: every command will be refused");
            }
        }

        /// <summary>Sets who carries out update commands and the app's own commands.</summary>
        public void Start(ICommandHandler updates, ICommandHandler app)
        {
            _updates = updates;
            _app = app;
        }

        /// <summary>Handles one message from the command topic (on the uplink thread).</summary>
        public void OnCommand(byte[] payload)
        {
            DeviceCommand command = Decode(payload);
            if (command == null)
            {
                return;
            }

            CommandVerdict verdict = _guard.Check(command, UnixTime.ToMessageTime(_clock.UtcNow));
            if (verdict == CommandVerdict.Forged)
            {
                // Not from the gateway, or a recording of an old command: refuse and say so.
                _log.Warn("refused command " + command.CommandId.ToString() + ": failed verification (key or counter)");
                Acknowledge(command.CommandId, AckResult.AuthenticationFailed);
                return;
            }

            if (verdict == CommandVerdict.Repeat)
            {
                // The gateway did not hear the acknowledgement: answer again, apply nothing twice.
                Acknowledge(command.CommandId, _guard.LastResult);
                return;
            }

            AckResult result = verdict == CommandVerdict.Expired ? AckResult.Expired : Apply(command);
            _guard.Accepted(command, result);
            _guardStore.Save(_guard);
            uint ackId = Acknowledge(command.CommandId, result);
            if (verdict == CommandVerdict.Expired)
            {
                return;
            }

            if (command.Kind == CommandKind.RotateCredentials && result == AckResult.Ok && _rotated != null)
            {
                // The old key and password stay until the gateway has this acknowledgement (then it switches too).
                _rotateAck = ackId;
                _rotateRequestedAt = _clock.UptimeMilliseconds;
            }

            if (command.Kind == CommandKind.Reboot && _rebootRequestedAt < 0)
            {
                // Reboot once the acknowledgement has left (or after a while): the gateway must hear it.
                _rebootAck = ackId;
                _rebootRequestedAt = _clock.UptimeMilliseconds;
            }
        }

        /// <summary>Switches to rotated credentials, or reboots, once the gateway has heard the acknowledgement.</summary>
        public void Tick()
        {
            if (_rotateRequestedAt >= 0 && _host.IsDelivered(_rotateAck))
            {
                SwitchCredentials();
            }

            long now = _clock.UptimeMilliseconds;
            if (_rebootRequestedAt >= 0 && (_host.IsDelivered(_rebootAck) || now - _rebootRequestedAt > RebootAckWaitMs))
            {
                _rebootRequestedAt = -1;
                _host.Restart(ResetReason.Command);
            }
        }

        private AckResult Apply(DeviceCommand command)
        {
            switch (command.Kind)
            {
                case CommandKind.RequestHealth:
                    _host.PublishHealthNow();
                    return AckResult.Ok;
                case CommandKind.Reboot:
                    return AckResult.Ok;
                case CommandKind.Update:
                    return _updates == null ? AckResult.Unsupported : _updates.Handle(command);
                case CommandKind.RotateCredentials:
                    return TakeCredentials(command.Document);
                default:
                    return _app == null ? AckResult.Unsupported : _app.Handle(command);
            }
        }

        // New credentials from the gateway: checked, kept on flash (so a restart uses them), switched to once the
        // gateway has the acknowledgement. Signed with the key they replace, like any command.
        private AckResult TakeCredentials(string document)
        {
            if (document == null)
            {
                return AckResult.Invalid;
            }

            EdgeDevices.Firmware.Json.FieldError[] errors;
            DeviceCredentials credentials = DeviceCredentials.Parse(document, out errors);
            if (credentials == null)
            {
                _log.Warn("refused rotated credentials: " + errors[0].ToString());
                return AckResult.Invalid;
            }

            if (credentials.Password == null && _config.Mqtt != null)
            {
                _log.Warn("refused rotated credentials: no password for an MQTT device");
                return AckResult.Invalid;
            }

            _files.WriteText(ConfigLoader.CredentialsFileName, document);
            _rotated = credentials;
            return AckResult.Ok;
        }

        private void SwitchCredentials()
        {
            _rotateRequestedAt = -1;
            DeviceCredentials credentials = _rotated;
            _rotated = null;
            if (credentials == null)
            {
                return;
            }

            credentials.ApplyTo(_config);
            _guard = _guardStore.Load(_config.DeviceId, _config.CommandKey);
            _log.Info("credentials rotated: the new command key is in force");
            _host.Reconnect();
        }

        private uint Acknowledge(ushort commandId, AckResult result)
        {
            CommandAck ack = new CommandAck();
            ack.CommandId = commandId;
            ack.Result = result;
            return _host.Publish(ack);
        }

        private DeviceCommand Decode(byte[] payload)
        {
            try
            {
                Message message = payload.Length > 0 && payload[0] == (byte)'{'
                    ? JsonCodec.Decode(payload, 0, payload.Length)
                    : CompactCodec.Decode(payload, 0, payload.Length);
                DeviceCommand command = message as DeviceCommand;
                if (command == null)
                {
                    _log.Warn("a message on the command topic is not a command");
                }

                return command;
            }
            catch (CodecException ex)
            {
                _log.Warn("unreadable command (" + ex.Field + "): " + ex.Message);
                return null;
            }
        }
    }
}
