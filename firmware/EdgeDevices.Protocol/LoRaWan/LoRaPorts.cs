namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// The application ports EdgeDevices uses on LoRaWAN (docs/lorawan.md). Port 0 carries only MAC
    /// commands and is never used for data.
    /// </summary>
    public static class LoRaPorts
    {
        /// <summary>One or more whole compact messages, back to back.</summary>
        public const int Messages = 1;

        /// <summary>One fragment of a message too large for the current data rate (<see cref="Fragments"/>).</summary>
        public const int Fragment = 2;
    }
}
