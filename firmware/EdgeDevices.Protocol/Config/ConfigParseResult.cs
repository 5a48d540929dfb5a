using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Config
{
    /// <summary>The outcome of parsing a configuration: the config, or every problem found.</summary>
    public sealed class ConfigParseResult
    {
        /// <summary>Creates the result.</summary>
        public ConfigParseResult(DeviceConfig config, FieldError[] errors)
        {
            Config = config;
            Errors = errors;
        }

        /// <summary>The configuration; null when <see cref="Errors"/> is not empty.</summary>
        public DeviceConfig Config { get; private set; }

        /// <summary>Every problem, each naming its field.</summary>
        public FieldError[] Errors { get; private set; }

        /// <summary>Whether the configuration can be used.</summary>
        public bool IsValid
        {
            get { return Errors.Length == 0; }
        }
    }
}
