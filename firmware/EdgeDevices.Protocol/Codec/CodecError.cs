namespace EdgeDevices.Firmware.Codec
{
    /// <summary>Why a message could not be encoded or decoded.</summary>
    public enum CodecError : byte
    {
        /// <summary>The buffer ends before the message does (or is empty).</summary>
        Truncated = 1,

        /// <summary>The buffer holds more bytes than the message, or more than any message may have.</summary>
        TooLong = 2,

        /// <summary>A codec version this firmware does not speak.</summary>
        UnsupportedVersion = 3,

        /// <summary>A message type this version does not define.</summary>
        UnknownType = 4,

        /// <summary>A field is present but its value is malformed or not allowed.</summary>
        InvalidField = 5,

        /// <summary>A field the message needs is absent.</summary>
        MissingField = 6,

        /// <summary>A value cannot be represented in the wire format (encode side).</summary>
        ValueOutOfRange = 7,

        /// <summary>The JSON text itself is malformed.</summary>
        MalformedJson = 8,

        /// <summary>The output buffer is too small (encode side).</summary>
        BufferTooSmall = 9
    }
}
