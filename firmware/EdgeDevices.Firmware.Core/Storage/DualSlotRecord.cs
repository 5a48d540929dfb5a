using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// A small record kept as two copies that are written alternately, each with a generation number and
    /// a CRC. A write cut short by a power loss corrupts only the copy being written, so the previous
    /// value survives. Layout of a copy: generation (u32), length (u16), payload (capacity bytes), CRC-32
    /// of the first 6 + length bytes; big-endian.
    /// </summary>
    public sealed class DualSlotRecord
    {
        /// <summary>Bytes of each copy besides the payload.</summary>
        public const int Overhead = 10;

        private readonly IFlashStorage _storage;
        private readonly int _position;
        private readonly int _capacity;
        private readonly byte[] _scratch;
        private uint _generation;
        private int _currentSlot = -1;

        /// <summary>A record at <paramref name="position"/> holding up to <paramref name="payloadCapacity"/> bytes.</summary>
        public DualSlotRecord(IFlashStorage storage, int position, int payloadCapacity)
        {
            _storage = storage;
            _position = position;
            _capacity = payloadCapacity;
            _scratch = new byte[Overhead + payloadCapacity];
        }

        /// <summary>Bytes the record occupies in storage (both copies).</summary>
        public int TotalSize
        {
            get { return 2 * _scratch.Length; }
        }

        /// <summary>Bytes storage needs for a record of this capacity.</summary>
        public static int SizeFor(int payloadCapacity)
        {
            return 2 * (Overhead + payloadCapacity);
        }

        /// <summary>
        /// Loads the newest valid copy into <paramref name="payload"/>; returns its length, or -1 when
        /// neither copy is valid (new storage, or both damaged).
        /// </summary>
        public int Read(byte[] payload)
        {
            int best = -1;
            uint bestGeneration = 0;
            for (int slot = 0; slot < 2; slot++)
            {
                int length = ReadSlot(slot);
                if (length < 0)
                {
                    continue;
                }

                uint generation = BigEndian.ReadUInt(_scratch, 0, 4);
                if (best < 0 || (int)(generation - bestGeneration) > 0)
                {
                    best = slot;
                    bestGeneration = generation;
                }
            }

            if (best < 0)
            {
                _currentSlot = -1;
                _generation = 0;
                return -1;
            }

            int bestLength = ReadSlot(best);
            System.Array.Copy(_scratch, 6, payload, 0, bestLength);
            _currentSlot = best;
            _generation = bestGeneration;
            return bestLength;
        }

        /// <summary>Writes a new value into the copy not holding the current one, then flushes.</summary>
        public void Write(byte[] payload, int offset, int count)
        {
            if (count > _capacity)
            {
                throw new System.ArgumentOutOfRangeException("count", "record larger than its capacity");
            }

            int slot = _currentSlot == 0 ? 1 : 0;
            uint generation = _generation + 1;
            BigEndian.WriteUInt(_scratch, 0, 4, generation);
            BigEndian.WriteUInt(_scratch, 4, 2, (uint)count);
            System.Array.Copy(payload, offset, _scratch, 6, count);
            for (int i = 6 + count; i < 6 + _capacity; i++)
            {
                _scratch[i] = 0;
            }

            BigEndian.WriteUInt(_scratch, 6 + _capacity, 4, Crc32.Compute(_scratch, 0, 6 + count));
            _storage.Write(_position + slot * _scratch.Length, _scratch, 0, _scratch.Length);
            _storage.Flush();
            _currentSlot = slot;
            _generation = generation;
        }

        // Loads a copy into _scratch; returns its payload length, or -1 when it is not valid.
        private int ReadSlot(int slot)
        {
            _storage.Read(_position + slot * _scratch.Length, _scratch, 0, _scratch.Length);
            int length = (int)BigEndian.ReadUInt(_scratch, 4, 2);
            if (length > _capacity)
            {
                return -1;
            }

            uint crc = BigEndian.ReadUInt(_scratch, 6 + _capacity, 4);
            return crc == Crc32.Compute(_scratch, 0, 6 + length) ? length : -1;
        }
    }
}
