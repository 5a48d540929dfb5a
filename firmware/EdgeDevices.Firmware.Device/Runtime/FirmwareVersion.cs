namespace EdgeDevices.Firmware.Device.Runtime
{
    /// <summary>The firmware's version, reported in every health message.</summary>
    public static class FirmwareVersion
    {
        /// <summary>Major version: a change the gateway must know about.</summary>
        public const byte Major = 0;

        /// <summary>Minor version: new features.</summary>
        public const byte Minor = 4;

        /// <summary>Patch: fixes.</summary>
        public const ushort Patch = 0;

        /// <summary>The version as text.</summary>
        public const string Text = "0.4.0";
    }
}
