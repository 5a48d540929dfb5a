using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Security
{
    /// <summary>
    /// The device's side of command authentication: a command is carried out only when its MAC is right
    /// for this device and its counter is higher than any accepted before (so a recorded command cannot be
    /// played again), and not after its expiry. The gateway resends an unacknowledged command unchanged;
    /// a resend of the last accepted command is recognised and answered again without being applied twice.
    /// The caller persists <see cref="LastCounter"/>, <see cref="LastCommandId"/> and
    /// <see cref="LastResult"/> after each acceptance, so a reboot does not reopen old counters.
    /// </summary>
    public sealed class CommandGuard
    {
        private readonly CommandMac _mac;
        private readonly string _deviceId;

        /// <summary>
        /// A guard for <paramref name="deviceId"/> with its command <paramref name="key"/> (null when none
        /// was provisioned: every command is then refused), resuming from the persisted state.
        /// </summary>
        public CommandGuard(string deviceId, byte[] key, uint lastCounter, ushort lastCommandId, AckResult lastResult)
        {
            _deviceId = deviceId;
            _mac = key == null ? null : new CommandMac(key);
            LastCounter = lastCounter;
            LastCommandId = lastCommandId;
            LastResult = lastResult;
        }

        /// <summary>The highest counter accepted.</summary>
        public uint LastCounter { get; private set; }

        /// <summary>The command id that came with it.</summary>
        public ushort LastCommandId { get; private set; }

        /// <summary>What the device answered to it.</summary>
        public AckResult LastResult { get; private set; }

        /// <summary>Whether a key was provisioned.</summary>
        public bool HasKey
        {
            get { return _mac != null; }
        }

        /// <summary>Checks <paramref name="command"/> at <paramref name="now"/> (message time; 0 when the clock is not set, which skips the expiry check).</summary>
        public CommandVerdict Check(DeviceCommand command, uint now)
        {
            if (_mac == null || !_mac.Verify(_deviceId, command))
            {
                return CommandVerdict.Forged;
            }

            if (command.Counter == LastCounter && command.CommandId == LastCommandId && LastCounter != 0)
            {
                return CommandVerdict.Repeat;
            }

            if (command.Counter <= LastCounter)
            {
                return CommandVerdict.Forged;
            }

            if (now != 0 && command.ExpiresAt != 0 && now > command.ExpiresAt)
            {
                return CommandVerdict.Expired;
            }

            return CommandVerdict.Apply;
        }

        /// <summary>Records that <paramref name="command"/> (authentic and new) was answered with <paramref name="result"/>.</summary>
        public void Accepted(DeviceCommand command, AckResult result)
        {
            LastCounter = command.Counter;
            LastCommandId = command.CommandId;
            LastResult = result;
        }
    }
}
