using System;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// How a message sits in the outbox: one byte of message type (which picks the MQTT topic), then the
    /// payload exactly as it will be published. A JSON form longer than a slot (a lamp status listing most
    /// fault names) is stored in the compact form instead and turned back into JSON when published; the
    /// first byte tells them apart, as JSON starts with '{' and a compact message never does.
    /// </summary>
    public static class OutboxRecord
    {
        /// <summary>Largest record: a type byte and 254 payload bytes.</summary>
        public const int MaxLength = 255;

        private const byte JsonStart = 0x7B;

        /// <summary>Writes <paramref name="message"/> into <paramref name="record"/>; returns the record's length.</summary>
        public static int Write(Message message, PayloadEncoding encoding, byte[] record)
        {
            record[0] = (byte)message.Type;
            if (encoding == PayloadEncoding.Json)
            {
                byte[] json = JsonCodec.EncodeUtf8(message);
                if (json.Length <= record.Length - 1)
                {
                    Array.Copy(json, 0, record, 1, json.Length);
                    return json.Length + 1;
                }
            }

            return 1 + CompactCodec.Encode(message, record, 1);
        }

        /// <summary>The message type of a record.</summary>
        public static MessageType TypeOf(byte[] record)
        {
            return (MessageType)record[0];
        }

        /// <summary>The payload to publish for a record of <paramref name="length"/> bytes, in <paramref name="encoding"/>.</summary>
        public static byte[] Payload(byte[] record, int length, PayloadEncoding encoding)
        {
            if (encoding == PayloadEncoding.Json && record[1] != JsonStart)
            {
                return JsonCodec.EncodeUtf8(CompactCodec.Decode(record, 1, length - 1));
            }

            byte[] payload = new byte[length - 1];
            Array.Copy(record, 1, payload, 0, length - 1);
            return payload;
        }
    }
}
