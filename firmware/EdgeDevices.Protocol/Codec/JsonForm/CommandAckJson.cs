using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"commandId", "result" (name).</summary>
    internal static class CommandAckJson
    {
        public static void Write(CommandAck m, JsonWriter w)
        {
            string result = WireNames.Of(m.Result);
            if (result == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, "result", "unknown acknowledgement result");
            }

            w.Name("commandId");
            w.Integer(m.CommandId);
            w.Name("result");
            w.String(result);
        }

        public static CommandAck Read(FieldReader r)
        {
            CommandAck m = new CommandAck();
            m.CommandId = (ushort)r.Integer("commandId", true, 0, 0, ushort.MaxValue);
            m.Result = (AckResult)r.Name("result", true, 5, WireNames.AckResultName, "ok, rejected, invalid, authenticationFailed, expired or unsupported");

            return m;
        }
    }
}
