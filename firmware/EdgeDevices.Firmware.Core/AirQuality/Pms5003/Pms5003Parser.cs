using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.AirQuality.Pms5003
{
    /// <summary>
    /// Finds PMS5003 frames in the UART byte stream, one byte at a time. A frame whose length field or
    /// checksum is wrong is dropped and the search restarts at the next 0x42 0x4D inside it, so line
    /// noise, a sensor starting mid-frame or a corrupted byte costs at most that frame.
    /// </summary>
    public sealed class Pms5003Parser
    {
        private readonly byte[] _buffer = new byte[Pms5003Frame.Size];
        private readonly Pms5003Frame _frame = new Pms5003Frame();
        private int _count;

        /// <summary>The last good frame (valid after <see cref="Push"/> returned true).</summary>
        public Pms5003Frame Frame
        {
            get { return _frame; }
        }

        /// <summary>Good frames so far.</summary>
        public int FramesParsed { get; private set; }

        /// <summary>Frames dropped for a bad length or checksum.</summary>
        public int FramesRejected { get; private set; }

        /// <summary>Bytes skipped while looking for a frame start.</summary>
        public int BytesSkipped { get; private set; }

        /// <summary>Feeds one byte; true when it completes a good frame, now in <see cref="Frame"/>.</summary>
        public bool Push(byte value)
        {
            _buffer[_count++] = value;
            if (!PrefixValid())
            {
                if (_count == 4)
                {
                    FramesRejected++; // a start sequence with a wrong length field
                }

                Resync();
                return false;
            }

            if (_count < Pms5003Frame.Size)
            {
                return false;
            }

            if (BigEndian.ReadUInt(_buffer, 30, 2) != Pms5003Frame.Checksum(_buffer, 0))
            {
                FramesRejected++;
                Resync();
                return false;
            }

            _frame.ReadFrom(_buffer, 0);
            FramesParsed++;
            _count = 0;
            return true;
        }

        private bool PrefixValid()
        {
            if (_buffer[0] != Pms5003Frame.Start1)
            {
                return false;
            }

            if (_count >= 2 && _buffer[1] != Pms5003Frame.Start2)
            {
                return false;
            }

            return _count < 4 || BigEndian.ReadUInt(_buffer, 2, 2) == Pms5003Frame.LengthField;
        }

        // Drops the first byte and slides to the next possible start, re-checking what remains.
        private void Resync()
        {
            while (_count > 0)
            {
                int next = 1;
                while (next < _count && _buffer[next] != Pms5003Frame.Start1)
                {
                    next++;
                }

                BytesSkipped += next;
                for (int i = next; i < _count; i++)
                {
                    _buffer[i - next] = _buffer[i];
                }

                _count -= next;
                if (_count == 0 || PrefixValid())
                {
                    return;
                }
            }
        }
    }
}
