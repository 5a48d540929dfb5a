using System;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>Malformed JSON text; <see cref="Position"/> is the character index where reading stopped.</summary>
    public class JsonException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public JsonException(string message, int position)
            : base(message + " at character " + position.ToString())
        {
            Position = position;
        }

        /// <summary>Character index of the error.</summary>
        public int Position { get; private set; }
    }
}
