namespace EdgeDevices.Firmware.Json
{
    /// <summary>What is wrong with a field.</summary>
    public enum FieldErrorKind : byte
    {
        /// <summary>A required field is absent.</summary>
        Missing = 1,

        /// <summary>The field has the wrong JSON type (a string where a number belongs, say).</summary>
        WrongType = 2,

        /// <summary>A number outside its allowed range, or a string of the wrong length.</summary>
        OutOfRange = 3,

        /// <summary>The value has the right type but is not acceptable (unknown name, bad format).</summary>
        InvalidValue = 4,

        /// <summary>A field that is not part of the schema (usually a typo).</summary>
        UnknownField = 5,

        /// <summary>The text is not valid JSON.</summary>
        Malformed = 6
    }
}
