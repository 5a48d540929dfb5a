namespace EdgeDevices.Firmware.Json
{
    /// <summary>One problem with one field, named by its path (for example "mqtt.port").</summary>
    public sealed class FieldError
    {
        /// <summary>Creates the error.</summary>
        public FieldError(string field, FieldErrorKind kind, string message)
        {
            Field = field;
            Kind = kind;
            Message = message;
        }

        /// <summary>Dotted path of the field; array items as name[index].</summary>
        public string Field { get; private set; }

        /// <summary>What is wrong.</summary>
        public FieldErrorKind Kind { get; private set; }

        /// <summary>A sentence for a technician, naming the field and the limit.</summary>
        public string Message { get; private set; }

        /// <inheritdoc />
        public override string ToString()
        {
            return Field + ": " + Message;
        }
    }
}
