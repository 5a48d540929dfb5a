using System;

namespace EdgeDevices.Firmware.Codec
{
    /// <summary>
    /// The only exception the codecs throw. <see cref="Error"/> says why, and <see cref="Field"/> names the
    /// offending field when there is one, so the gateway can quarantine a payload with a precise reason.
    /// </summary>
    public class CodecException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public CodecException(CodecError error, string field, string message)
            : base(message)
        {
            Error = error;
            Field = field;
        }

        /// <summary>Why the message failed.</summary>
        public CodecError Error { get; private set; }

        /// <summary>The field at fault, or null.</summary>
        public string Field { get; private set; }
    }
}
