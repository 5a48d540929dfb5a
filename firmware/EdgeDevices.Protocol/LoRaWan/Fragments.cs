using System;

namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// Splits a message too large for one frame into fragments on <see cref="LoRaPorts.Fragment"/>: each
    /// fragment is a 3-byte header — the message's tag, the fragment's index, the number of fragments —
    /// and the next slice of the message. The receiver (<see cref="FragmentAssembler"/>) puts them back
    /// together; a message is never cut short to fit.
    /// </summary>
    public static class Fragments
    {
        /// <summary>Bytes of header in each fragment.</summary>
        public const int HeaderSize = 3;

        /// <summary>Most fragments of one message.</summary>
        public const int MaxCount = 255;

        /// <summary>The number of fragments <paramref name="length"/> bytes need in frames of <paramref name="maxPayload"/>, or 0 when a frame cannot carry even one byte of it.</summary>
        public static int Count(int length, int maxPayload)
        {
            int chunk = maxPayload - HeaderSize;
            if (chunk <= 0 || length <= 0)
            {
                return 0;
            }

            int count = (length + chunk - 1) / chunk;
            return count > MaxCount ? 0 : count;
        }

        /// <summary>
        /// Writes fragment <paramref name="index"/> of <paramref name="count"/> of <paramref name="message"/>
        /// (its first <paramref name="length"/> bytes) into <paramref name="frame"/>; returns the frame's length.
        /// </summary>
        public static int Write(byte[] message, int length, byte tag, int index, int count, byte[] frame)
        {
            int chunk = (length + count - 1) / count;
            int start = index * chunk;
            int size = start + chunk > length ? length - start : chunk;
            frame[0] = tag;
            frame[1] = (byte)index;
            frame[2] = (byte)count;
            Array.Copy(message, start, frame, HeaderSize, size);
            return HeaderSize + size;
        }
    }
}
