using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Storage
{
    /// <summary>The device's boot counter on flash, torn-write safe (<see cref="DualSlotRecord"/>).</summary>
    public sealed class PersistentBootCounter : IBootIdSource
    {
        private readonly object _sync = new object();
        private readonly DualSlotRecord _record;
        private readonly byte[] _buffer = new byte[4];

        /// <summary>A counter stored at <paramref name="position"/> of <paramref name="storage"/>.</summary>
        public PersistentBootCounter(IFlashStorage storage, int position)
        {
            _record = new DualSlotRecord(storage, position, 4);
        }

        /// <summary>Bytes of storage the counter needs.</summary>
        public static int StorageSize
        {
            get { return DualSlotRecord.SizeFor(4); }
        }

        /// <inheritdoc />
        public ushort NextBootId()
        {
            lock (_sync)
            {
                uint next = _record.Read(_buffer) == 4 ? BigEndian.ReadUInt(_buffer, 0, 4) + 1 : 1;
                BigEndian.WriteUInt(_buffer, 0, 4, next);
                _record.Write(_buffer, 0, 4);
                return (ushort)next;
            }
        }
    }
}
