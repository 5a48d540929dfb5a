using System;
using System.Text;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>
    /// Reads a reject notice: <c>{"v":1,"type":"reject","quarantineId":…,"boot":…,"seq":…,"reason":"…","field":"…"}</c>,
    /// <c>boot</c>/<c>seq</c> present when the refused payload named them, <c>field</c> when one field was at fault.
    /// The gateway writes it (with its own JSON writer); the device only reads it.
    /// </summary>
    public static class RejectNoticeJson
    {
        /// <summary>The notice's type name.</summary>
        public const string TypeName = "reject";

        /// <summary>Longest reason kept (the device logs it; the whole one is in the gateway's quarantine).</summary>
        public const int MaxReasonLength = 200;

        /// <summary>Longest payload read, in bytes.</summary>
        public const int MaxPayloadBytes = 1024;

        /// <summary>Decodes UTF-8 bytes. Throws <see cref="CodecException"/> and nothing else.</summary>
        public static RejectNotice Decode(byte[] utf8, int offset, int count)
        {
            if (utf8 == null || offset < 0 || count <= 0 || offset > utf8.Length || utf8.Length - offset < count)
            {
                throw new CodecException(CodecError.Truncated, null, "empty reject notice");
            }

            if (count > MaxPayloadBytes)
            {
                throw new CodecException(CodecError.TooLong, null, "reject notice longer than " + MaxPayloadBytes.ToString() + " bytes");
            }

            object root;
            try
            {
                root = JsonReader.Parse(Encoding.UTF8.GetString(utf8, offset, count), 2);
            }
            catch (JsonException e)
            {
                throw new CodecException(CodecError.MalformedJson, null, e.Message);
            }
            catch (Exception)
            {
                throw new CodecException(CodecError.MalformedJson, null, "reject notice is not valid UTF-8");
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                throw new CodecException(CodecError.MalformedJson, null, "reject notice is not a JSON object");
            }

            FieldReader r = new FieldReader(obj);
            long version = r.Integer("v", true, 0, 0, long.MaxValue);
            JsonCodec.ThrowFirst(r);
            if (version != JsonCodec.Version)
            {
                throw new CodecException(CodecError.UnsupportedVersion, "v", "reject notice version " + NumberText.Integer(version) + " is not supported");
            }

            string type = r.String("type", true, null, 1, 32);
            JsonCodec.ThrowFirst(r);
            if (type != TypeName)
            {
                throw new CodecException(CodecError.UnknownType, "type", "not a reject notice: \"" + type + "\"");
            }

            RejectNotice notice = new RejectNotice();
            notice.HasMessage = r.Has("boot") && r.Has("seq");
            notice.BootId = (ushort)r.Integer("boot", false, 0, 0, ushort.MaxValue);
            notice.Sequence = (ushort)r.Integer("seq", false, 0, 0, ushort.MaxValue);
            notice.QuarantineId = r.Integer("quarantineId", false, 0, 0, long.MaxValue);
            string reason = r.String("reason", true, null, 1, 4096);
            notice.Field = r.String("field", false, null, 1, 64);
            JsonCodec.ThrowFirst(r);
            notice.Reason = reason.Length > MaxReasonLength ? reason.Substring(0, MaxReasonLength) : reason;
            return notice;
        }
    }
}
