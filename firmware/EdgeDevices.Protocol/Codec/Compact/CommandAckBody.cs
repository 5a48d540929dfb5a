using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>3 bytes: command id (u16), result (u8).</summary>
    internal static class CommandAckBody
    {
        public const int Size = 3;

        public static void Write(CommandAck m, byte[] b, int o)
        {
            BigEndian.WriteUInt(b, o, 2, m.CommandId);
            b[o + 2] = (byte)m.Result;
        }

        public static CommandAck Read(byte[] b, int o)
        {
            CommandAck m = new CommandAck();
            m.CommandId = (ushort)BigEndian.ReadUInt(b, o, 2);
            m.Result = (AckResult)b[o + 2];
            if (!WireNames.IsDefined(m.Result))
            {
                throw new CodecException(CodecError.InvalidField, "result", "unknown acknowledgement result");
            }

            return m;
        }
    }
}
