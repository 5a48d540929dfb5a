using System;

namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// Puts one sender's fragments (<see cref="Fragments"/>) back together. It holds one message at a time:
    /// a fragment with another tag or count starts over (the sender gave up on the old message). Fragments
    /// may come twice (a network server's duplicate, a retransmission) or out of order; each is kept by its
    /// index until all are there. A fragment that cannot belong to a message is refused with the reason in
    /// <see cref="LastError"/>.
    /// </summary>
    public sealed class FragmentAssembler
    {
        /// <summary>Largest message it will put together.</summary>
        public const int MaxMessage = 4096;

        private object[] _parts;
        private int _tag = -1;
        private int _received;
        private int _length;
        private string _lastError;

        /// <summary>Why the last fragment was refused, or null.</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        /// <summary>The tag of the message in progress, or -1.</summary>
        public int Tag
        {
            get { return _tag; }
        }

        /// <summary>
        /// Takes the fragment in <paramref name="frame"/> (<paramref name="count"/> bytes from
        /// <paramref name="offset"/>); returns the whole message once its last missing fragment arrives, else
        /// null (<see cref="LastError"/> says whether it was refused).
        /// </summary>
        public byte[] Add(byte[] frame, int offset, int count)
        {
            _lastError = null;
            if (frame == null || offset < 0 || count < Fragments.HeaderSize + 1 || frame.Length - offset < count)
            {
                return Refuse("a fragment has a 3-byte header and at least one byte of data");
            }

            int tag = frame[offset];
            int index = frame[offset + 1];
            int total = frame[offset + 2];
            int size = count - Fragments.HeaderSize;
            if (total < 1 || index >= total)
            {
                return Refuse("fragment " + index.ToString() + " of " + total.ToString() + " does not exist");
            }

            if (tag != _tag || _parts == null || total != _parts.Length)
            {
                _tag = tag;
                _parts = new object[total];
                _received = 0;
                _length = 0;
            }

            if (_parts[index] != null)
            {
                return null;
            }

            if (_length + size > MaxMessage)
            {
                Reset();
                return Refuse("message longer than " + MaxMessage.ToString() + " bytes");
            }

            byte[] part = new byte[size];
            Array.Copy(frame, offset + Fragments.HeaderSize, part, 0, size);
            _parts[index] = part;
            _received++;
            _length += size;
            if (_received < _parts.Length)
            {
                return null;
            }

            byte[] message = new byte[_length];
            int at = 0;
            for (int i = 0; i < _parts.Length; i++)
            {
                byte[] piece = (byte[])_parts[i];
                Array.Copy(piece, 0, message, at, piece.Length);
                at += piece.Length;
            }

            Reset();
            return message;
        }

        private void Reset()
        {
            _tag = -1;
            _parts = null;
            _received = 0;
            _length = 0;
        }

        private byte[] Refuse(string reason)
        {
            _lastError = reason;
            return null;
        }
    }
}
