using System;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Packs a LoRaWAN frame from the outbox: as many whole compact messages as fit the room the data rate
    /// leaves, oldest first, without gaps (it stops at the first record that does not fit or is not a compact
    /// message, which waits for the next frame). Says which records the frame carries and whether one of them is
    /// a raised warning or alarm (such a frame goes confirmed). No radio: the uplink sends what it packed.
    /// </summary>
    public sealed class FramePacker
    {
        private readonly byte[] _record = new byte[OutboxRecord.MaxLength];
        private readonly byte[] _frame;
        private readonly uint[] _carried;
        private int _length;
        private int _count;
        private bool _carriesAlarm;

        /// <summary>A packer for frames of at most <paramref name="maxFrame"/> bytes.</summary>
        public FramePacker(int maxFrame)
        {
            _frame = new byte[maxFrame];
            _carried = new uint[maxFrame / CompactCodec.HeaderSize];
        }

        /// <summary>The frame packed last (its first <see cref="Length"/> bytes).</summary>
        public byte[] Frame
        {
            get { return _frame; }
        }

        /// <summary>Bytes of the frame packed last.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>How many records the frame packed last carries.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Whether the frame packed last carries a raised event of warning severity or worse.</summary>
        public bool CarriesAlarm
        {
            get { return _carriesAlarm; }
        }

        /// <summary>The outbox id of the <paramref name="index"/>-th record the frame carries.</summary>
        public uint Carried(int index)
        {
            return _carried[index];
        }

        /// <summary>Packs from the pending record <paramref name="first"/> onward into at most <paramref name="room"/> bytes; returns the frame's length.</summary>
        public int Pack(Outbox outbox, uint first, int room)
        {
            int max = room < _frame.Length ? room : _frame.Length;
            _length = 0;
            _count = 0;
            _carriesAlarm = false;
            uint id = first;
            while (id != 0 && _count < _carried.Length)
            {
                int size = outbox.Read(id, _record, 0);
                if (size < 2 || _length + size - 1 > max || !IsCompact(_record, size))
                {
                    break;
                }

                Array.Copy(_record, 1, _frame, _length, size - 1);
                _length += size - 1;
                _carriesAlarm = _carriesAlarm || IsAlarm(_record, size);
                _carried[_count++] = id;
                id = outbox.NextPending(id);
            }

            return _length;
        }

        /// <summary>Whether an outbox record holds exactly one compact message (after its type byte).</summary>
        public static bool IsCompact(byte[] record, int length)
        {
            return MessageFrames.LengthAt(record, 1, length) == length - 1;
        }

        /// <summary>Whether an outbox record is a raised event of warning severity or worse: it must reach the gateway, so it goes confirmed.</summary>
        public static bool IsAlarm(byte[] record, int length)
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
    }
}
