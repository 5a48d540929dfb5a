using System;
using System.Text;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>
    /// The JSON form, for Wi-Fi devices (docs/wire-format.md): one object with
    /// "v" (version), "type", "boot", "seq", "ts" and the body fields of the type. It carries the same
    /// information as the compact form, with full timestamps and totals and finer fixed-point values.
    /// Unknown members are ignored so newer devices can add fields within a version.
    /// </summary>
    public static class JsonCodec
    {
        /// <summary>The version this code writes and reads.</summary>
        public const int Version = 1;

        /// <summary>Longest payload accepted, in bytes.</summary>
        public const int MaxPayloadBytes = 4096;

        /// <summary>Encodes to JSON text.</summary>
        public static string Encode(Message message)
        {
            if (message == null)
            {
                throw new CodecException(CodecError.MissingField, null, "no message to encode");
            }

            string type = WireNames.Of(message.Type);
            if (type == null)
            {
                throw new CodecException(CodecError.UnknownType, "type", "message type not defined in JSON version 1");
            }

            JsonWriter w = new JsonWriter(160);
            w.BeginObject();
            w.Name("v");
            w.Integer(Version);
            w.Name("type");
            w.String(type);
            w.Name("boot");
            w.Integer(message.BootId);
            w.Name("seq");
            w.Integer(message.Sequence);
            w.Name("ts");
            w.Integer(message.Timestamp);
            switch (message.Type)
            {
                case MessageType.Health:
                    HealthReportJson.Write((HealthReport)message, w);
                    break;
                case MessageType.AirQuality:
                    AirQualityJson.Write((AirQualityReading)message, w);
                    break;
                case MessageType.LampStatus:
                    LampStatusJson.Write((LampStatus)message, w);
                    break;
                case MessageType.LampEnergy:
                    LampEnergyJson.Write((LampEnergy)message, w);
                    break;
                case MessageType.MeterReading:
                    MeterReadingJson.Write((MeterReading)message, w);
                    break;
                case MessageType.Event:
                    DeviceEventJson.Write((DeviceEvent)message, w);
                    break;
                case MessageType.CommandAck:
                    CommandAckJson.Write((CommandAck)message, w);
                    break;
                case MessageType.UpdateStatus:
                    UpdateStatusJson.Write((UpdateStatus)message, w);
                    break;
                default:
                    DeviceCommandJson.Write((DeviceCommand)message, w);
                    break;
            }

            w.EndObject();
            return w.ToString();
        }

        /// <summary>Encodes to UTF-8 bytes.</summary>
        public static byte[] EncodeUtf8(Message message)
        {
            return Encoding.UTF8.GetBytes(Encode(message));
        }

        /// <summary>Decodes UTF-8 bytes. Throws <see cref="CodecException"/> and nothing else.</summary>
        public static Message Decode(byte[] utf8, int offset, int count)
        {
            if (utf8 == null || offset < 0 || count < 0 || offset > utf8.Length || utf8.Length - offset < count)
            {
                throw new CodecException(CodecError.Truncated, null, "payload range outside the buffer");
            }

            if (count > MaxPayloadBytes)
            {
                throw new CodecException(CodecError.TooLong, null, "JSON payload longer than " + MaxPayloadBytes.ToString() + " bytes");
            }

            string text;
            try
            {
                text = Encoding.UTF8.GetString(utf8, offset, count);
            }
            catch (Exception)
            {
                throw new CodecException(CodecError.MalformedJson, null, "payload is not valid UTF-8");
            }

            return Decode(text);
        }

        /// <summary>Decodes JSON text. Throws <see cref="CodecException"/> and nothing else.</summary>
        public static Message Decode(string json)
        {
            if (json == null || json.Length == 0)
            {
                throw new CodecException(CodecError.Truncated, null, "empty payload");
            }

            if (json.Length > MaxPayloadBytes)
            {
                throw new CodecException(CodecError.TooLong, null, "JSON payload longer than " + MaxPayloadBytes.ToString() + " characters");
            }

            object root;
            try
            {
                root = JsonReader.Parse(json, 4);
            }
            catch (JsonException e)
            {
                throw new CodecException(CodecError.MalformedJson, null, e.Message);
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                throw new CodecException(CodecError.MalformedJson, null, "payload is not a JSON object");
            }

            FieldReader r = new FieldReader(obj);
            if (!r.Has("v"))
            {
                throw new CodecException(CodecError.MissingField, "v", "v (version) is required");
            }

            long version = r.Integer("v", true, 0, long.MinValue, long.MaxValue);
            if (!r.HasErrors && version != Version)
            {
                throw new CodecException(CodecError.UnsupportedVersion, "v", "JSON version " + NumberText.Integer(version) + " is not supported (this firmware speaks " + Version.ToString() + ")");
            }

            ThrowFirst(r);
            string typeName = r.String("type", true, null, 1, 32);
            ThrowFirst(r);
            MessageType type;
            if (!WireNames.TryParse(typeName, out type))
            {
                throw new CodecException(CodecError.UnknownType, "type", "message type \"" + typeName + "\" is not defined in JSON version 1");
            }

            Message message;
            switch (type)
            {
                case MessageType.Health:
                    message = HealthReportJson.Read(r);
                    break;
                case MessageType.AirQuality:
                    message = AirQualityJson.Read(r);
                    break;
                case MessageType.LampStatus:
                    message = LampStatusJson.Read(r);
                    break;
                case MessageType.LampEnergy:
                    message = LampEnergyJson.Read(r);
                    break;
                case MessageType.MeterReading:
                    message = MeterReadingJson.Read(r);
                    break;
                case MessageType.Event:
                    message = DeviceEventJson.Read(r);
                    break;
                case MessageType.CommandAck:
                    message = CommandAckJson.Read(r);
                    break;
                case MessageType.UpdateStatus:
                    message = UpdateStatusJson.Read(r);
                    break;
                default:
                    message = DeviceCommandJson.Read(r);
                    break;
            }

            message.BootId = (ushort)r.Integer("boot", true, 0, 0, ushort.MaxValue);
            message.Sequence = (ushort)r.Integer("seq", true, 0, 0, ushort.MaxValue);
            message.Timestamp = (uint)r.Integer("ts", true, 0, 0, uint.MaxValue);
            ThrowFirst(r);
            return message;
        }

        /// <summary>Throws the first recorded field problem as a <see cref="CodecException"/>.</summary>
        internal static void ThrowFirst(FieldReader r)
        {
            if (!r.HasErrors)
            {
                return;
            }

            FieldError first = r.Errors[0];
            CodecError error = first.Kind == FieldErrorKind.Missing ? CodecError.MissingField : CodecError.InvalidField;
            throw new CodecException(error, first.Field, first.Message);
        }
    }
}
