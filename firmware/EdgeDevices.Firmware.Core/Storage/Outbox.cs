using System;
using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// A bounded store-and-forward queue on flash. Records get increasing ids; record id n lives in slot
    /// (n − 1) mod capacity, so the ring needs no head or tail pointer on flash. Each slot carries its own
    /// CRC: a write torn by a power loss invalidates only that slot, and opening skips it and counts it.
    /// When every slot holds an unacknowledged record, the next record overwrites the oldest and the drop
    /// counter goes up. A record stays until it is acknowledged. The acknowledgement watermark is saved in
    /// a <see cref="DualSlotRecord"/> every <see cref="CheckpointInterval"/> acknowledgements or drops, so after a
    /// power cut at most that many already-delivered records are sent again (the receiver deduplicates).
    /// Every slot also carries the drop total at the time it was written, so the drop count survives a
    /// power cut without an extra flash write per drop.
    /// Slot layout: magic 0xA5, length (u8), id (u32), drops (u32), payload, CRC-32 of the bytes before it.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Slot bytes besides the payload.</summary>
        public const int SlotOverhead = 14;

        private const int PayloadStart = 10;

        /// <summary>Where the first slot starts; the header record sits before it.</summary>
        public const int SlotsStart = 64;

        private const byte Magic = 0xA5;
        private const int HeaderPayload = 16;

        private readonly object _sync = new object();
        private readonly IFlashStorage _storage;
        private readonly DualSlotRecord _header;
        private readonly int _slotSize;
        private readonly int _capacity;
        private readonly uint[] _slotIds;
        private readonly bool[] _slotPending;
        private readonly byte[] _scratch;
        private readonly byte[] _headerScratch = new byte[HeaderPayload];
        private uint _nextId;
        private uint _ackedThrough;
        private uint _drops;
        private int _count;
        private int _changesSinceCheckpoint;
        private int _corruptSkipped;
        private bool _formatted;

        /// <summary>
        /// Opens the outbox on <paramref name="storage"/> with slots of <paramref name="slotSize"/> bytes,
        /// recovering what a previous run left. Storage that is new, or was laid out with another slot
        /// size, is formatted.
        /// </summary>
        public Outbox(IFlashStorage storage, int slotSize)
        {
            if (slotSize < SlotOverhead + 1 || slotSize > SlotOverhead + 255)
            {
                throw new ArgumentOutOfRangeException("slotSize", "slot size must hold 1 to 255 payload bytes");
            }

            _storage = storage;
            _slotSize = slotSize;
            _capacity = (storage.Length - SlotsStart) / slotSize;
            if (_capacity < 2)
            {
                throw new ArgumentException("storage too small for an outbox of two slots", "storage");
            }

            _header = new DualSlotRecord(storage, 0, HeaderPayload);
            _slotIds = new uint[_capacity];
            _slotPending = new bool[_capacity];
            _scratch = new byte[slotSize];
            CheckpointInterval = 16;
            Open();
        }

        /// <summary>Number of slots: the most records held at once.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Largest payload a record may have.</summary>
        public int MaxPayload
        {
            get { return _slotSize - SlotOverhead; }
        }

        /// <summary>Records waiting for acknowledgement.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Records dropped to make room since the outbox was formatted.</summary>
        public uint Drops
        {
            get
            {
                lock (_sync)
                {
                    return _drops;
                }
            }
        }

        /// <summary>Damaged slots found and skipped when the outbox was opened (torn writes).</summary>
        public int CorruptRecordsSkipped
        {
            get { return _corruptSkipped; }
        }

        /// <summary>Whether opening found no usable outbox and formatted the storage.</summary>
        public bool WasFormatted
        {
            get { return _formatted; }
        }

        /// <summary>Acknowledgements (or drops) between two saves of the watermark and drop counter.</summary>
        public int CheckpointInterval { get; set; }

        /// <summary>Appends a record and returns its id, dropping the oldest record when full.</summary>
        public uint Enqueue(byte[] payload, int offset, int count)
        {
            if (count < 1 || count > MaxPayload)
            {
                throw new ArgumentOutOfRangeException("count", "record payload must be 1 to MaxPayload bytes");
            }

            lock (_sync)
            {
                uint id = _nextId;
                int slot = SlotOf(id);
                if (_slotPending[slot])
                {
                    // Full: the slot still holds the oldest undelivered record. It is lost either way, so
                    // it is counted before being overwritten.
                    _slotPending[slot] = false;
                    _count--;
                    _drops++;
                    _changesSinceCheckpoint++;
                }

                _scratch[0] = Magic;
                _scratch[1] = (byte)count;
                BigEndian.WriteUInt(_scratch, 2, 4, id);
                BigEndian.WriteUInt(_scratch, 6, 4, _drops);
                Array.Copy(payload, offset, _scratch, PayloadStart, count);
                BigEndian.WriteUInt(_scratch, PayloadStart + count, 4, Crc32.Compute(_scratch, 0, PayloadStart + count));
                _storage.Write(SlotsStart + slot * _slotSize, _scratch, 0, count + SlotOverhead);
                _storage.Flush();

                _slotIds[slot] = id;
                _slotPending[slot] = true;
                _count++;
                _nextId++;
                AdvanceWatermark();
                CheckpointIfDue();
                return id;
            }
        }

        /// <summary>Id of the oldest record waiting, or 0 when none is.</summary>
        public uint FirstPending()
        {
            lock (_sync)
            {
                return NextPendingLocked(_ackedThrough);
            }
        }

        /// <summary>Id of the next record waiting after <paramref name="afterId"/>, or 0 when none is.</summary>
        public uint NextPending(uint afterId)
        {
            lock (_sync)
            {
                return NextPendingLocked(afterId < _ackedThrough ? _ackedThrough : afterId);
            }
        }

        /// <summary>Whether the record is still waiting for acknowledgement.</summary>
        public bool IsPending(uint id)
        {
            lock (_sync)
            {
                return IsPendingLocked(id);
            }
        }

        /// <summary>
        /// Copies a waiting record's payload into <paramref name="buffer"/> at <paramref name="offset"/>;
        /// returns its length, or -1 when the record is not waiting (acknowledged, dropped, never written)
        /// or its slot no longer checks out.
        /// </summary>
        public int Read(uint id, byte[] buffer, int offset)
        {
            lock (_sync)
            {
                if (!IsPendingLocked(id))
                {
                    return -1;
                }

                int slot = SlotOf(id);
                int length = ReadSlot(slot);
                if (length < 0 || BigEndian.ReadUInt(_scratch, 2, 4) != id)
                {
                    // The flash changed under us; never hand out a record that fails its CRC.
                    _slotPending[slot] = false;
                    _count--;
                    _corruptSkipped++;
                    AdvanceWatermark();
                    return -1;
                }

                Array.Copy(_scratch, PayloadStart, buffer, offset, length);
                return length;
            }
        }

        /// <summary>
        /// Marks a record delivered; it leaves the outbox. Returns false, and changes nothing, for an id
        /// that is not waiting (already acknowledged, dropped, or never written).
        /// </summary>
        public bool Acknowledge(uint id)
        {
            lock (_sync)
            {
                if (!IsPendingLocked(id))
                {
                    return false;
                }

                _slotPending[SlotOf(id)] = false;
                _count--;
                AdvanceWatermark();
                _changesSinceCheckpoint++;
                CheckpointIfDue();
                return true;
            }
        }

        /// <summary>Saves the watermark and the drop counter now (e.g. before a planned reboot).</summary>
        public void Checkpoint()
        {
            lock (_sync)
            {
                CheckpointLocked();
            }
        }

        private void Open()
        {
            int length = _header.Read(_headerScratch);
            if (length != HeaderPayload
                || BigEndian.ReadUInt(_headerScratch, 0, 2) != (uint)_capacity
                || BigEndian.ReadUInt(_headerScratch, 2, 2) != (uint)_slotSize)
            {
                Format();
                return;
            }

            _ackedThrough = BigEndian.ReadUInt(_headerScratch, 4, 4);
            _drops = BigEndian.ReadUInt(_headerScratch, 8, 4);
            uint savedNext = BigEndian.ReadUInt(_headerScratch, 12, 4);
            uint highest = savedNext == 0 ? 0 : savedNext - 1;
            if (highest < _ackedThrough)
            {
                highest = _ackedThrough;
            }

            for (int slot = 0; slot < _capacity; slot++)
            {
                int payloadLength = ReadSlot(slot);
                if (payloadLength < 0)
                {
                    if (!IsErased())
                    {
                        _corruptSkipped++;
                    }

                    continue;
                }

                uint id = BigEndian.ReadUInt(_scratch, 2, 4);
                if (id == 0 || SlotOf(id) != slot)
                {
                    _corruptSkipped++;
                    continue;
                }

                _slotIds[slot] = id;
                if (id > highest)
                {
                    highest = id;
                }

                uint dropsWhenWritten = BigEndian.ReadUInt(_scratch, 6, 4);
                if (dropsWhenWritten > _drops)
                {
                    _drops = dropsWhenWritten;
                }

                if (id > _ackedThrough)
                {
                    _slotPending[slot] = true;
                    _count++;
                }
            }

            _nextId = highest + 1;
            AdvanceWatermark();
        }

        private void Format()
        {
            _formatted = true;
            for (int i = 0; i < _slotSize; i++)
            {
                _scratch[i] = 0xFF;
            }

            for (int slot = 0; slot < _capacity; slot++)
            {
                _storage.Write(SlotsStart + slot * _slotSize, _scratch, 0, _slotSize);
            }

            _nextId = 1;
            _ackedThrough = 0;
            _drops = 0;
            CheckpointLocked();
        }

        private void CheckpointLocked()
        {
            BigEndian.WriteUInt(_headerScratch, 0, 2, (uint)_capacity);
            BigEndian.WriteUInt(_headerScratch, 2, 2, (uint)_slotSize);
            BigEndian.WriteUInt(_headerScratch, 4, 4, _ackedThrough);
            BigEndian.WriteUInt(_headerScratch, 8, 4, _drops);
            BigEndian.WriteUInt(_headerScratch, 12, 4, _nextId);
            _header.Write(_headerScratch, 0, HeaderPayload);
            _changesSinceCheckpoint = 0;
        }

        private void CheckpointIfDue()
        {
            if (_changesSinceCheckpoint >= CheckpointInterval)
            {
                CheckpointLocked();
            }
        }

        // Moves the watermark over every id that is no longer waiting (acknowledged, dropped or lost).
        private void AdvanceWatermark()
        {
            while (_ackedThrough + 1 < _nextId && !IsPendingLocked(_ackedThrough + 1))
            {
                _ackedThrough++;
            }
        }

        private uint NextPendingLocked(uint afterId)
        {
            for (uint id = afterId + 1; id < _nextId; id++)
            {
                if (IsPendingLocked(id))
                {
                    return id;
                }
            }

            return 0;
        }

        private bool IsPendingLocked(uint id)
        {
            if (id == 0 || id >= _nextId)
            {
                return false;
            }

            int slot = SlotOf(id);
            return _slotPending[slot] && _slotIds[slot] == id;
        }

        private int SlotOf(uint id)
        {
            return (int)((id - 1) % (uint)_capacity);
        }

        // Loads a slot into _scratch; returns its payload length, or -1 when it does not check out.
        private int ReadSlot(int slot)
        {
            _storage.Read(SlotsStart + slot * _slotSize, _scratch, 0, _slotSize);
            if (_scratch[0] != Magic)
            {
                return -1;
            }

            int length = _scratch[1];
            if (length < 1 || length > MaxPayload)
            {
                return -1;
            }

            return BigEndian.ReadUInt(_scratch, PayloadStart + length, 4) == Crc32.Compute(_scratch, 0, PayloadStart + length) ? length : -1;
        }

        private bool IsErased()
        {
            for (int i = 0; i < _slotSize; i++)
            {
                if (_scratch[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
