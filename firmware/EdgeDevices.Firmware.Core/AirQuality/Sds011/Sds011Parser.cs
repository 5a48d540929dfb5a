namespace EdgeDevices.Firmware.AirQuality.Sds011
{
    /// <summary>
    /// Finds SDS011 measurement frames in the UART byte stream, one byte at a time, resynchronising on
    /// the next 0xAA after noise, a bad checksum, a wrong tail or a non-measurement (command reply) frame.
    /// </summary>
    public sealed class Sds011Parser
    {
        private readonly byte[] _buffer = new byte[Sds011Frame.Size];
        private readonly Sds011Frame _frame = new Sds011Frame();
        private int _count;

        /// <summary>The last good frame (valid after <see cref="Push"/> returned true).</summary>
        public Sds011Frame Frame
        {
            get { return _frame; }
        }

        /// <summary>Good measurement frames so far.</summary>
        public int FramesParsed { get; private set; }

        /// <summary>Frames dropped for a bad checksum or tail.</summary>
        public int FramesRejected { get; private set; }

        /// <summary>Feeds one byte; true when it completes a good measurement frame.</summary>
        public bool Push(byte value)
        {
            _buffer[_count++] = value;
            if (!PrefixValid())
            {
                Resync();
                return false;
            }

            if (_count < Sds011Frame.Size)
            {
                return false;
            }

            if (_buffer[9] != Sds011Frame.Tail || _buffer[8] != Sds011Frame.Checksum(_buffer, 0))
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
            return _buffer[0] == Sds011Frame.Head && (_count < 2 || _buffer[1] == Sds011Frame.DataCommand);
        }

        private void Resync()
        {
            while (_count > 0)
            {
                int next = 1;
                while (next < _count && _buffer[next] != Sds011Frame.Head)
                {
                    next++;
                }

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
