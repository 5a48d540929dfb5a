using EdgeDevices.Firmware.Json;
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
                case MessageType.UpdateStatus: return "update";
                case MessageType.Command: return "command";
                default: return null;
            }
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
                case EventCode.AirQualityAlert: return "airQualityAlert";
                case EventCode.OutboxOverflow: return "outboxOverflow";
                case EventCode.Boot: return "boot";
                case EventCode.ConfigInvalid: return "configInvalid";
                case EventCode.WatchdogReboot: return "watchdogReboot";
                case EventCode.CommandRefused: return "commandRefused";
                case EventCode.CommandExpired: return "commandExpired";
                default: return null;
            }
        }

        /// <summary>Whether the event code is defined.</summary>
        public static bool IsDefined(EventCode value)
        {
            return Of(value) != null;
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


        /// <summary>JSON name of a command kind.</summary>
        public static string Of(CommandKind value)
        {
            switch (value)
            {
                case CommandKind.SetOverride: return "setOverride";
                case CommandKind.ClearOverride: return "clearOverride";
                case CommandKind.RequestHealth: return "requestHealth";
                case CommandKind.Reboot: return "reboot";
                case CommandKind.SetSchedule: return "setSchedule";
                case CommandKind.Update: return "update";
                case CommandKind.SetLampType: return "setLampType";
                case CommandKind.RotateCredentials: return "rotateCredentials";
                default: return null;
            }
        }

        /// <summary>Whether the command kind is defined.</summary>
        public static bool IsDefined(CommandKind value)
        {
            return Of(value) != null;
        }


        /// <summary>JSON name of an update phase.</summary>
        public static string Of(UpdatePhase value)
        {
            switch (value)
            {
                case UpdatePhase.Refused: return "refused";
                case UpdatePhase.Downloading: return "downloading";
                case UpdatePhase.Staged: return "staged";
                case UpdatePhase.Trial: return "trial";
                case UpdatePhase.Healthy: return "healthy";
                case UpdatePhase.RolledBack: return "rolledBack";
                default: return null;
            }
        }

        /// <summary>Whether the update phase is defined.</summary>
        public static bool IsDefined(UpdatePhase value)
        {
            return Of(value) != null;
        }


        /// <summary>JSON name of an update verdict (the reason of a refusal or a roll-back).</summary>
        public static string Of(Update.UpdateVerdict value)
        {
            switch (value)
            {
                case Update.UpdateVerdict.Accepted: return "accepted";
                case Update.UpdateVerdict.BadSignature: return "badSignature";
                case Update.UpdateVerdict.WrongApp: return "wrongApp";
                case Update.UpdateVerdict.NotNewer: return "notNewer";
                case Update.UpdateVerdict.TooLarge: return "tooLarge";
                case Update.UpdateVerdict.Truncated: return "truncated";
                case Update.UpdateVerdict.WrongHash: return "wrongHash";
                case Update.UpdateVerdict.NoKey: return "noKey";
                case Update.UpdateVerdict.FailedBefore: return "failedBefore";
                case Update.UpdateVerdict.NotHealthy: return "notHealthy";
                case Update.UpdateVerdict.LoadFailed: return "loadFailed";
                case Update.UpdateVerdict.Busy: return "busy";
                case Update.UpdateVerdict.NotServed: return "notServed";
                case Update.UpdateVerdict.Malformed: return "malformed";
                case Update.UpdateVerdict.NoDownloadPath: return "noDownloadPath";
                default: return null;
            }
        }

        /// <summary>Whether the update verdict is defined.</summary>
        public static bool IsDefined(Update.UpdateVerdict value)
        {
            return Of(value) != null;
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

        /// <summary>Parses a JSON "type".</summary>
        public static bool TryParse(string name, out MessageType value)
        {
            int found = FieldReader.FindName(name, 31, MessageTypeName);
            value = (MessageType)(found < 0 ? 0 : found);
            return found >= 0;
        }

        /// <summary>Name lookup for <see cref="MessageType"/>.</summary>
        public static string MessageTypeName(int value)
        {
            return Of((MessageType)value);
        }

        /// <summary>Name lookup for <see cref="EventCode"/>.</summary>
        public static string EventCodeName(int value)
        {
            return Of((EventCode)value);
        }

        /// <summary>Name lookup for <see cref="EventSeverity"/>.</summary>
        public static string SeverityName(int value)
        {
            return Of((EventSeverity)value);
        }

        /// <summary>Name lookup for <see cref="MeterMedium"/>.</summary>
        public static string MediumName(int value)
        {
            return Of((MeterMedium)value);
        }

        /// <summary>Name lookup for <see cref="ControlSource"/>.</summary>
        public static string SourceName(int value)
        {
            return Of((ControlSource)value);
        }

        /// <summary>Name lookup for <see cref="ResetReason"/>.</summary>
        public static string ResetReasonName(int value)
        {
            return Of((ResetReason)value);
        }

        /// <summary>Name lookup for <see cref="AckResult"/>.</summary>
        public static string AckResultName(int value)
        {
            return Of((AckResult)value);
        }

        /// <summary>Name lookup for <see cref="CommandKind"/>.</summary>
        public static string CommandKindName(int value)
        {
            return Of((CommandKind)value);
        }

        /// <summary>Name lookup for <see cref="UpdatePhase"/>.</summary>
        public static string UpdatePhaseName(int value)
        {
            return Of((UpdatePhase)value);
        }

        /// <summary>Name lookup for <see cref="Update.UpdateVerdict"/>.</summary>
        public static string UpdateVerdictName(int value)
        {
            return Of((Update.UpdateVerdict)value);
        }

        /// <summary>Name lookup for single <see cref="LampFaults"/> bits, by bit index.</summary>
        public static string LampFaultBitName(int bit)
        {
            return bit < 8 ? Of((LampFaults)(1 << bit)) : null;
        }

        /// <summary>Name lookup for single <see cref="AirQualityFlags"/> bits, by bit index.</summary>
        public static string AirQualityFlagBitName(int bit)
        {
            return bit < 2 ? Of((AirQualityFlags)(1 << bit)) : null;
        }
    }
}
