using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// The two frames of an update download over MQTT. A request (device to gateway, on <c>fetch</c>): 'F',
    /// version major (u8), minor (u8), patch (u16), offset (u32), length (u16) — 11 bytes. A reply (gateway
    /// to device, on <c>chunks</c>): status (u8: 0 = the bytes follow, 1 = not served to this device),
    /// version (4 bytes as above), offset (u32), then the bytes. Both big-endian. Chunks need no signature:
    /// the whole bundle is checked against the signed manifest's SHA-256 before anything is applied.
    /// </summary>
    public static class ChunkFrames
    {
        /// <summary>Bytes of a request.</summary>
        public const int RequestSize = 11;

        /// <summary>Bytes of a reply before the data.</summary>
        public const int ReplyHeaderSize = 9;

        /// <summary>Largest chunk a device asks for (fits the receive buffer of M2Mqtt on an ESP32 with room to spare).</summary>
        public const int MaxChunk = 4096;

        /// <summary>Reply status: the bytes follow.</summary>
        public const byte Served = 0;

        /// <summary>Reply status: the gateway does not serve this bundle to this device.</summary>
        public const byte NotServed = 1;

        private const byte RequestTag = (byte)'F';

        /// <summary>A request for <paramref name="length"/> bytes at <paramref name="offset"/> of the bundle of the given version.</summary>
        public static byte[] Request(int major, int minor, int patch, int offset, int length)
        {
            byte[] b = new byte[RequestSize];
            b[0] = RequestTag;
            WriteVersion(b, 1, major, minor, patch);
            BigEndian.WriteUInt(b, 5, 4, (uint)offset);
            BigEndian.WriteUInt(b, 9, 2, (uint)length);
            return b;
        }

        /// <summary>Reads a request; false when <paramref name="b"/> is not one.</summary>
        public static bool TryReadRequest(byte[] b, out int major, out int minor, out int patch, out int offset, out int length)
        {
            major = minor = patch = offset = length = 0;
            if (b == null || b.Length != RequestSize || b[0] != RequestTag)
            {
                return false;
            }

            ReadVersion(b, 1, out major, out minor, out patch);
            uint at = BigEndian.ReadUInt(b, 5, 4);
            length = (int)BigEndian.ReadUInt(b, 9, 2);
            offset = (int)at;
            return at <= int.MaxValue && length > 0 && length <= MaxChunk;
        }

        /// <summary>A reply carrying <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="dataOffset"/>.</summary>
        public static byte[] Reply(byte status, int major, int minor, int patch, int offset, byte[] data, int dataOffset, int count)
        {
            byte[] b = new byte[ReplyHeaderSize + count];
            b[0] = status;
            WriteVersion(b, 1, major, minor, patch);
            BigEndian.WriteUInt(b, 5, 4, (uint)offset);
            for (int i = 0; i < count; i++)
            {
                b[ReplyHeaderSize + i] = data[dataOffset + i];
            }

            return b;
        }

        /// <summary>Reads a reply's header; false when <paramref name="b"/> is not one. The data are bytes <see cref="ReplyHeaderSize"/> onwards.</summary>
        public static bool TryReadReply(byte[] b, out byte status, out int major, out int minor, out int patch, out int offset)
        {
            status = 0;
            major = minor = patch = offset = 0;
            if (b == null || b.Length < ReplyHeaderSize || b.Length > ReplyHeaderSize + MaxChunk || b[0] > NotServed)
            {
                return false;
            }

            status = b[0];
            ReadVersion(b, 1, out major, out minor, out patch);
            uint at = BigEndian.ReadUInt(b, 5, 4);
            offset = (int)at;
            return at <= int.MaxValue;
        }

        private static void WriteVersion(byte[] b, int o, int major, int minor, int patch)
        {
            b[o] = (byte)major;
            b[o + 1] = (byte)minor;
            BigEndian.WriteUInt(b, o + 2, 2, (uint)patch);
        }

        private static void ReadVersion(byte[] b, int o, out int major, out int minor, out int patch)
        {
            major = b[o];
            minor = b[o + 1];
            patch = (int)BigEndian.ReadUInt(b, o + 2, 2);
        }
    }
}
