namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// What an <see cref="DeviceEvent"/> is about. Codes 1–8 mirror the <see cref="LampFaults"/> bits in
    /// order. Values are on the wire: never renumber.
    /// </summary>
    public enum EventCode : byte
    {
        /// <summary>Lamp failure (see <see cref="LampFaults.LampFailure"/>).</summary>
        LampFailure = 1,

        /// <summary>Dimming failure.</summary>
        DimmingFailure = 2,

        /// <summary>Cycling failure.</summary>
        CyclingFailure = 3,

        /// <summary>Lamp power too high.</summary>
        PowerTooHigh = 4,

        /// <summary>Lamp power too low.</summary>
        PowerTooLow = 5,

        /// <summary>Lamp lit although commanded off.</summary>
        UnexpectedOn = 6,

        /// <summary>Relay does not follow its command.</summary>
        RelayFailure = 7,

        /// <summary>Power metering input failed.</summary>
        MeteringFailure = 8,

        /// <summary>Continuous flow through the night window: probable leak. Value: flow in units per hour ×1000.</summary>
        MeterLeak = 16,

        /// <summary>Tamper: magnet input, or a pulse rate beyond the meter's maximum.</summary>
        MeterTamper = 17,

        /// <summary>A sensor stopped answering or returned implausible data. Value: sensor id.</summary>
        SensorFault = 32,

        /// <summary>Air quality past the alert level for the minimum duration (raised by the gateway for a node, boot id 0).</summary>
        AirQualityAlert = 33,

        /// <summary>The outbox dropped its oldest records because it was full. Value: records dropped.</summary>
        OutboxOverflow = 48,

        /// <summary>The device started. Value: reset reason.</summary>
        Boot = 49,

        /// <summary>The stored configuration was invalid and defaults are in use. Value: error count.</summary>
        ConfigInvalid = 50,

        /// <summary>The software watchdog is about to reboot the device. Value: seconds stuck.</summary>
        WatchdogReboot = 51,

        /// <summary>Raised by the gateway: the device refused a command as not from the gateway (wrong key, replayed counter). Value: command id.</summary>
        CommandRefused = 52,

        /// <summary>Raised by the gateway: a command expired before the device answered it. Value: command id.</summary>
        CommandExpired = 53
    }
}
