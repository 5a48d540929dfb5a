using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Commands
{
    /// <summary>
    /// The command guard's state on flash (torn-write safe), so a reboot or power cut never lets an old,
    /// recorded command in again: counter (u32), command id (u16), result (u8).
    /// </summary>
    public sealed class CommandGuardStore
    {
        private const int PayloadSize = 7;

        private readonly DualSlotRecord _record;
        private readonly byte[] _buffer = new byte[PayloadSize];

        /// <summary>The state in <paramref name="files"/>' "cmdguard" region.</summary>
        public CommandGuardStore(IDeviceFiles files)
        {
            _record = new DualSlotRecord(files.OpenRegion("cmdguard", DualSlotRecord.SizeFor(PayloadSize)), 0, PayloadSize);
        }

        /// <summary>A guard for <paramref name="deviceId"/> resuming from the stored state.</summary>
        public CommandGuard Load(string deviceId, byte[] key)
        {
            if (_record.Read(_buffer) != PayloadSize)
            {
                return new CommandGuard(deviceId, key, 0, 0, AckResult.Ok);
            }

            return new CommandGuard(deviceId, key, BigEndian.ReadUInt(_buffer, 0, 4), (ushort)BigEndian.ReadUInt(_buffer, 4, 2), (AckResult)_buffer[6]);
        }

        /// <summary>Stores the guard's state.</summary>
        public void Save(CommandGuard guard)
        {
            BigEndian.WriteUInt(_buffer, 0, 4, guard.LastCounter);
            BigEndian.WriteUInt(_buffer, 4, 2, guard.LastCommandId);
            _buffer[6] = (byte)guard.LastResult;
            _record.Write(_buffer, 0, PayloadSize);
        }
    }
}
