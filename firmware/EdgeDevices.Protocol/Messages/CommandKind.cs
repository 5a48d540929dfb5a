namespace EdgeDevices.Firmware.Messages
{
    /// <summary>What a <see cref="DeviceCommand"/> asks for. Values are on the wire: never renumber.</summary>
    public enum CommandKind : byte
    {
        /// <summary>Hold a lamp at <see cref="DeviceCommand.Level"/> for <see cref="DeviceCommand.DurationMinutes"/>.</summary>
        SetOverride = 1,

        /// <summary>End an override; the schedule takes over again.</summary>
        ClearOverride = 2,

        /// <summary>Send a health report now.</summary>
        RequestHealth = 3,

        /// <summary>Reboot the device.</summary>
        Reboot = 4,

        /// <summary>Store and run the schedule in <see cref="DeviceCommand.Document"/> (street lights).</summary>
        SetSchedule = 5,

        /// <summary>Download, check and switch to the application bundle whose signed manifest is <see cref="DeviceCommand.Document"/> (JSON form only).</summary>
        Update = 6,

        /// <summary>Take the lamp parameters in <see cref="DeviceCommand.Document"/> (street lights; JSON form only): <c>{"version": n, "lamp": {…}}</c>.</summary>
        SetLampType = 7,

        /// <summary>
        /// Take the new MQTT password and command key in <see cref="DeviceCommand.Document"/> (JSON form only):
        /// <c>{"password": "…", "commandKey": "…"}</c>, signed with the key they replace.
        /// </summary>
        RotateCredentials = 8
    }
}
