using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// A frame on <see cref="LoRaPorts.Messages"/> carries whole compact messages back to back. Each
    /// compact message's length follows from its first byte (version and type), so the receiver can cut
    /// the frame apart without any length field.
    /// </summary>
    public static class MessageFrames
    {
        /// <summary>
        /// The length of the compact message that starts at <paramref name="offset"/>, or -1 when the byte
        /// there is not the start of a compact message of this version or fewer than its length remain
        /// within <paramref name="end"/>.
        /// </summary>
        public static int LengthAt(byte[] frame, int offset, int end)
        {
            if (frame == null || offset < 0 || offset >= end || end > frame.Length)
            {
                return -1;
            }

            int first = frame[offset];
            if ((first >> 5) != CompactCodec.Version)
            {
                return -1;
            }

            int length;
            try
            {
                length = CompactCodec.SizeOf((MessageType)(first & 0x1F));
            }
            catch (CodecException)
            {
                return -1;
            }

            return offset + length <= end ? length : -1;
        }
    }
}
