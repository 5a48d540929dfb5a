using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec
{
    /// <summary>
    /// Names of enum values in the JSON form, and which values are defined. Written out by hand because
    /// on nanoFramework Enum.ToString() prints the number and Enum.IsDefined does not exist.
    /// A name that is not known parses to false, never to a default.
    /// </summary>
    public static class WireNames
    {
        /// <summary>JSON "type" of a message.</summary>
        public static string Of(MessageType value)
        {
            switch (value)
            {
                case MessageType.Health: return "health";
                case MessageType.AirQuality: return "airQuality";
                case MessageType.LampStatus: return "lampStatus";
                case MessageType.LampEnergy: return "lampEnergy";
                case MessageType.MeterReading: return "meter";
                case MessageType.Event: return "event";
                case MessageType.CommandAck: return "ack";
                case MessageType.Command: return "command";
                default: return null;
            }
        }

        /// <summary>Parses a JSON "type".</summary>
        public static bool TryParse(string name, out MessageType value)
        {
            for (int i = 0; i <= 31; i++)
            {
                string candidate = Of((MessageType)i);
                if (candidate != null && candidate == name)
                {
                    value = (MessageType)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of an event code.</summary>
        public static string Of(EventCode value)
        {
            switch (value)
            {
                case EventCode.LampFailure: return "lampFailure";
                case EventCode.DimmingFailure: return "dimmingFailure";
                case EventCode.CyclingFailure: return "cyclingFailure";
                case EventCode.PowerTooHigh: return "powerTooHigh";
                case EventCode.PowerTooLow: return "powerTooLow";
                case EventCode.UnexpectedOn: return "unexpectedOn";
                case EventCode.RelayFailure: return "relayFailure";
                case EventCode.MeteringFailure: return "meteringFailure";
                case EventCode.MeterLeak: return "meterLeak";
                case EventCode.MeterTamper: return "meterTamper";
                case EventCode.SensorFault: return "sensorFault";
                case EventCode.OutboxOverflow: return "outboxOverflow";
                case EventCode.Boot: return "boot";
                case EventCode.ConfigInvalid: return "configInvalid";
                case EventCode.WatchdogReboot: return "watchdogReboot";
                default: return null;
            }
        }

        /// <summary>Whether the event code is defined.</summary>
        public static bool IsDefined(EventCode value)
        {
            return Of(value) != null;
        }

        /// <summary>Parses an event code name.</summary>
        public static bool TryParse(string name, out EventCode value)
        {
            for (int i = 0; i <= 255; i++)
            {
                string candidate = Of((EventCode)i);
                if (candidate != null && candidate == name)
                {
                    value = (EventCode)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of a severity.</summary>
        public static string Of(EventSeverity value)
        {
            switch (value)
            {
                case EventSeverity.Info: return "info";
                case EventSeverity.Warning: return "warning";
                case EventSeverity.Alarm: return "alarm";
                case EventSeverity.Critical: return "critical";
                default: return null;
            }
        }

        /// <summary>Parses a severity name.</summary>
        public static bool TryParse(string name, out EventSeverity value)
        {
            for (int i = 0; i <= 3; i++)
            {
                if (Of((EventSeverity)i) == name)
                {
                    value = (EventSeverity)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of a meter medium.</summary>
        public static string Of(MeterMedium value)
        {
            switch (value)
            {
                case MeterMedium.Electricity: return "electricity";
                case MeterMedium.Water: return "water";
                case MeterMedium.Gas: return "gas";
                case MeterMedium.Heat: return "heat";
                default: return null;
            }
        }

        /// <summary>Parses a meter medium name.</summary>
        public static bool TryParse(string name, out MeterMedium value)
        {
            for (int i = 0; i <= 3; i++)
            {
                if (Of((MeterMedium)i) == name)
                {
                    value = (MeterMedium)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of a control source.</summary>
        public static string Of(ControlSource value)
        {
            switch (value)
            {
                case ControlSource.Schedule: return "schedule";
                case ControlSource.Override: return "override";
                case ControlSource.Default: return "default";
                case ControlSource.Manual: return "manual";
                default: return null;
            }
        }

        /// <summary>Parses a control source name.</summary>
        public static bool TryParse(string name, out ControlSource value)
        {
            for (int i = 0; i <= 3; i++)
            {
                if (Of((ControlSource)i) == name)
                {
                    value = (ControlSource)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of a reset reason.</summary>
        public static string Of(ResetReason value)
        {
            switch (value)
            {
                case ResetReason.Unknown: return "unknown";
                case ResetReason.PowerOn: return "powerOn";
                case ResetReason.Watchdog: return "watchdog";
                case ResetReason.Command: return "command";
                case ResetReason.Update: return "update";
                case ResetReason.Crash: return "crash";
                case ResetReason.DeepSleep: return "deepSleep";
                default: return null;
            }
        }

        /// <summary>Parses a reset reason name.</summary>
        public static bool TryParse(string name, out ResetReason value)
        {
            for (int i = 0; i <= 6; i++)
            {
                if (Of((ResetReason)i) == name)
                {
                    value = (ResetReason)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of an acknowledgement result.</summary>
        public static string Of(AckResult value)
        {
            switch (value)
            {
                case AckResult.Ok: return "ok";
                case AckResult.Rejected: return "rejected";
                case AckResult.Invalid: return "invalid";
                case AckResult.AuthenticationFailed: return "authenticationFailed";
                case AckResult.Expired: return "expired";
                case AckResult.Unsupported: return "unsupported";
                default: return null;
            }
        }

        /// <summary>Whether the result is defined.</summary>
        public static bool IsDefined(AckResult value)
        {
            return Of(value) != null;
        }

        /// <summary>Parses an acknowledgement result name.</summary>
        public static bool TryParse(string name, out AckResult value)
        {
            for (int i = 0; i <= 5; i++)
            {
                if (Of((AckResult)i) == name)
                {
                    value = (AckResult)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of a command kind.</summary>
        public static string Of(CommandKind value)
        {
            switch (value)
            {
                case CommandKind.SetOverride: return "setOverride";
                case CommandKind.ClearOverride: return "clearOverride";
                case CommandKind.RequestHealth: return "requestHealth";
                case CommandKind.Reboot: return "reboot";
                default: return null;
            }
        }

        /// <summary>Whether the command kind is defined.</summary>
        public static bool IsDefined(CommandKind value)
        {
            return Of(value) != null;
        }

        /// <summary>Parses a command kind name.</summary>
        public static bool TryParse(string name, out CommandKind value)
        {
            for (int i = 1; i <= 4; i++)
            {
                if (Of((CommandKind)i) == name)
                {
                    value = (CommandKind)i;
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>JSON name of one lamp fault bit.</summary>
        public static string Of(LampFaults singleFault)
        {
            switch (singleFault)
            {
                case LampFaults.LampFailure: return "lampFailure";
                case LampFaults.DimmingFailure: return "dimmingFailure";
                case LampFaults.CyclingFailure: return "cyclingFailure";
                case LampFaults.PowerTooHigh: return "powerTooHigh";
                case LampFaults.PowerTooLow: return "powerTooLow";
                case LampFaults.UnexpectedOn: return "unexpectedOn";
                case LampFaults.RelayFailure: return "relayFailure";
                case LampFaults.MeteringFailure: return "meteringFailure";
                default: return null;
            }
        }

        /// <summary>Parses the name of one lamp fault bit.</summary>
        public static bool TryParse(string name, out LampFaults singleFault)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                LampFaults candidate = (LampFaults)(1 << bit);
                if (Of(candidate) == name)
                {
                    singleFault = candidate;
                    return true;
                }
            }

            singleFault = LampFaults.None;
            return false;
        }

        /// <summary>JSON name of one air-quality flag bit.</summary>
        public static string Of(AirQualityFlags singleFlag)
        {
            switch (singleFlag)
            {
                case AirQualityFlags.HumidityHigh: return "humidityHigh";
                case AirQualityFlags.Degraded: return "degraded";
                default: return null;
            }
        }

        /// <summary>Parses the name of one air-quality flag bit.</summary>
        public static bool TryParse(string name, out AirQualityFlags singleFlag)
        {
            for (int bit = 0; bit < 2; bit++)
            {
                AirQualityFlags candidate = (AirQualityFlags)(1 << bit);
                if (Of(candidate) == name)
                {
                    singleFlag = candidate;
                    return true;
                }
            }

            singleFlag = AirQualityFlags.None;
            return false;
        }
    }
}
