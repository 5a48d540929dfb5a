using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>
    /// The compact binary form, for LPWAN links and the device outbox (docs/wire-format.md). Every message
    /// is an 8-byte header followed by a fixed-size body for its type:
    /// byte 0 = version (3 bits) and type (5 bits); bytes 1–2 boot id; bytes 3–4 sequence;
    /// bytes 5–7 time (<see cref="WireTime"/>); all big-endian.
    /// Version 3 is never used, so the first byte of a compact message is never '{' (0x7B) and a payload
    /// can be told from JSON by its first byte.
    /// The same source compiles into the device firmware and the gateway: one definition, two runtimes.
    /// </summary>
    public static class CompactCodec
    {
        /// <summary>The version this code writes and reads.</summary>
        public const int Version = 1;

        /// <summary>Bytes before the body.</summary>
        public const int HeaderSize = 8;

        /// <summary>The largest message of this version (a signed command).</summary>
        public const int MaxMessageSize = HeaderSize + DeviceCommandBody.Size;

        /// <summary>Total encoded size of a message of the given type.</summary>
        public static int SizeOf(MessageType type)
        {
            int body = BodySize(type);
            if (body < 0)
            {
                throw new CodecException(CodecError.UnknownType, "type", "message type not defined in compact version 1");
            }

            return HeaderSize + body;
        }

        /// <summary>Encodes into a new array of exactly the message's size.</summary>
        public static byte[] Encode(Message message)
        {
            byte[] buffer = new byte[SizeOf(CheckNotNull(message).Type)];
            Encode(message, buffer, 0);
            return buffer;
        }

        /// <summary>Encodes into <paramref name="buffer"/> at <paramref name="offset"/>; returns the bytes written. Allocates nothing.</summary>
        public static int Encode(Message message, byte[] buffer, int offset)
        {
            int size = SizeOf(CheckNotNull(message).Type);
            if (buffer == null || offset < 0 || buffer.Length - offset < size)
            {
                throw new CodecException(CodecError.BufferTooSmall, null, "output buffer too small for the message");
            }

            uint minutes = WireTime.ToWire(message.Timestamp);
            buffer[offset] = (byte)((Version << 5) | (int)message.Type);
            BigEndian.WriteUInt(buffer, offset + 1, 2, message.BootId);
            BigEndian.WriteUInt(buffer, offset + 3, 2, message.Sequence);
            BigEndian.WriteUInt(buffer, offset + 5, 3, minutes);

            int body = offset + HeaderSize;
            switch (message.Type)
            {
                case MessageType.Health:
                    HealthReportBody.Write((HealthReport)message, buffer, body);
                    break;
                case MessageType.AirQuality:
                    AirQualityBody.Write((AirQualityReading)message, buffer, body);
                    break;
                case MessageType.LampStatus:
                    LampStatusBody.Write((LampStatus)message, buffer, body);
                    break;
                case MessageType.LampEnergy:
                    LampEnergyBody.Write((LampEnergy)message, buffer, body);
                    break;
                case MessageType.MeterReading:
                    MeterReadingBody.Write((MeterReading)message, buffer, body);
                    break;
                case MessageType.Event:
                    DeviceEventBody.Write((DeviceEvent)message, buffer, body);
                    break;
                case MessageType.CommandAck:
                    CommandAckBody.Write((CommandAck)message, buffer, body);
                    break;
                case MessageType.UpdateStatus:
                    UpdateStatusBody.Write((UpdateStatus)message, buffer, body);
                    break;
                default:
                    DeviceCommandBody.Write((DeviceCommand)message, buffer, body);
                    break;
            }

            return size;
        }

        /// <summary>Decodes a whole buffer.</summary>
        public static Message Decode(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new CodecException(CodecError.Truncated, null, "no payload");
            }

            return Decode(buffer, 0, buffer.Length);
        }

        /// <summary>
        /// Decodes exactly <paramref name="count"/> bytes at <paramref name="offset"/>. Throws
        /// <see cref="CodecException"/> and nothing else: for a short buffer, trailing bytes, an unknown
        /// version or type, or a field outside its defined values.
        /// </summary>
        public static Message Decode(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || buffer.Length - offset < count)
            {
                throw new CodecException(CodecError.Truncated, null, "payload range outside the buffer");
            }

            if (count == 0)
            {
                throw new CodecException(CodecError.Truncated, null, "empty payload");
            }

            int version = buffer[offset] >> 5;
            if (version != Version)
            {
                throw new CodecException(CodecError.UnsupportedVersion, "v", "compact version " + version.ToString() + " is not supported (this firmware speaks " + Version.ToString() + ")");
            }

            MessageType type = (MessageType)(buffer[offset] & 0x1F);
            int body = BodySize(type);
            if (body < 0)
            {
                throw new CodecException(CodecError.UnknownType, "type", "message type " + ((int)type).ToString() + " is not defined in compact version 1");
            }

            if (count < HeaderSize + body)
            {
                throw new CodecException(CodecError.Truncated, null, "payload of " + count.ToString() + " bytes is too short: a message of type " + WireNames.Of(type) + " has " + (HeaderSize + body).ToString());
            }

            if (count > HeaderSize + body)
            {
                throw new CodecException(CodecError.TooLong, null, "payload of " + count.ToString() + " bytes is too long: a message of type " + WireNames.Of(type) + " has " + (HeaderSize + body).ToString());
            }

            int at = offset + HeaderSize;
            Message message;
            switch (type)
            {
                case MessageType.Health:
                    message = HealthReportBody.Read(buffer, at);
                    break;
                case MessageType.AirQuality:
                    message = AirQualityBody.Read(buffer, at);
                    break;
                case MessageType.LampStatus:
                    message = LampStatusBody.Read(buffer, at);
                    break;
                case MessageType.LampEnergy:
                    message = LampEnergyBody.Read(buffer, at);
                    break;
                case MessageType.MeterReading:
                    message = MeterReadingBody.Read(buffer, at);
                    break;
                case MessageType.Event:
                    message = DeviceEventBody.Read(buffer, at);
                    break;
                case MessageType.CommandAck:
                    message = CommandAckBody.Read(buffer, at);
                    break;
                case MessageType.UpdateStatus:
                    message = UpdateStatusBody.Read(buffer, at);
                    break;
                default:
                    message = DeviceCommandBody.Read(buffer, at);
                    break;
            }

            message.BootId = (ushort)BigEndian.ReadUInt(buffer, offset + 1, 2);
            message.Sequence = (ushort)BigEndian.ReadUInt(buffer, offset + 3, 2);
            message.Timestamp = WireTime.FromWire(BigEndian.ReadUInt(buffer, offset + 5, 3));
            return message;
        }

        // Body size of a type, or -1 when version 1 does not define it.
        private static int BodySize(MessageType type)
        {
            switch (type)
            {
                case MessageType.Health: return HealthReportBody.Size;
                case MessageType.AirQuality: return AirQualityBody.Size;
                case MessageType.LampStatus: return LampStatusBody.Size;
                case MessageType.LampEnergy: return LampEnergyBody.Size;
                case MessageType.MeterReading: return MeterReadingBody.Size;
                case MessageType.Event: return DeviceEventBody.Size;
                case MessageType.CommandAck: return CommandAckBody.Size;
                case MessageType.UpdateStatus: return UpdateStatusBody.Size;
                case MessageType.Command: return DeviceCommandBody.Size;
                default: return -1;
            }
        }

        private static Message CheckNotNull(Message message)
        {
            if (message == null)
            {
                throw new CodecException(CodecError.MissingField, null, "no message to encode");
            }

            return message;
        }
    }
}
