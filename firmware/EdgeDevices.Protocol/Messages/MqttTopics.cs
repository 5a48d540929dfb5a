namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// The MQTT topic scheme (docs/mqtt-topics.md). Every device owns the prefix edge/{deviceId}/ and
    /// publishes only below it; it subscribes only to its own commands, chunks and rejects topics.
    /// </summary>
    public static class MqttTopics
    {
        /// <summary>First topic level of everything EdgeDevices publishes.</summary>
        public const string Root = "edge";

        /// <summary>Readings and health (QoS 1).</summary>
        public const string Telemetry = "telemetry";

        /// <summary>Current state, retained (QoS 1): a lamp's <see cref="LampStatus"/>.</summary>
        public const string State = "state";

        /// <summary>Alarms and events (QoS 1).</summary>
        public const string Events = "events";

        /// <summary>Commands to the device (gateway publishes, device subscribes; QoS 1).</summary>
        public const string Commands = "commands";

        /// <summary>Command acknowledgements from the device (QoS 1).</summary>
        public const string Acks = "acks";

        /// <summary>Chunk requests of an update download, device to gateway (QoS 0: the device asks again when no answer comes).</summary>
        public const string Fetch = "fetch";

        /// <summary>Chunks of an update bundle, gateway to device (QoS 0), each answering a <see cref="Fetch"/>.</summary>
        public const string Chunks = "chunks";

        /// <summary>Reject notices, gateway to device (QoS 1): a payload of the device went to the quarantine (<see cref="RejectNotice"/>).</summary>
        public const string Rejects = "rejects";

        /// <summary>Presence, retained: <see cref="Online"/> after connecting, <see cref="Offline"/> as the Last Will.</summary>
        public const string Status = "status";

        /// <summary>Payload of <see cref="Status"/> while connected.</summary>
        public const string Online = "online";

        /// <summary>Payload of <see cref="Status"/> once the connection is lost (Last Will) or closed.</summary>
        public const string Offline = "offline";

        /// <summary>Shortest device id.</summary>
        public const int MinDeviceIdLength = 3;

        /// <summary>Longest device id.</summary>
        public const int MaxDeviceIdLength = 32;

        /// <summary>edge/{deviceId}/{channel}.</summary>
        public static string For(string deviceId, string channel)
        {
            return Root + "/" + deviceId + "/" + channel;
        }

        /// <summary>The channel a message of the given type is published on.</summary>
        public static string ChannelFor(MessageType type)
        {
            switch (type)
            {
                case MessageType.LampStatus:
                    return State;
                case MessageType.Event:
                case MessageType.UpdateStatus:
                    return Events;
                case MessageType.CommandAck:
                    return Acks;
                case MessageType.Command:
                    return Commands;
                default:
                    return Telemetry;
            }
        }

        /// <summary>
        /// A device id is 3–32 characters of lower-case ASCII letters, digits and '-', starting with a
        /// letter or digit. That keeps it a single topic level with no wildcard and no '/'.
        /// </summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length < MinDeviceIdLength || deviceId.Length > MaxDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (!letterOrDigit && (c != '-' || i == 0))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Splits edge/{deviceId}/{channel} into its parts. False for anything else, including topics with
        /// more levels or an invalid device id.
        /// </summary>
        public static bool TryParse(string topic, out string deviceId, out string channel)
        {
            deviceId = null;
            channel = null;
            if (topic == null || !topic.StartsWith(Root + "/"))
            {
                return false;
            }

            int first = Root.Length + 1;
            int second = topic.IndexOf('/', first);
            if (second < 0 || second == topic.Length - 1 || topic.IndexOf('/', second + 1) >= 0)
            {
                return false;
            }

            string id = topic.Substring(first, second - first);
            if (!IsValidDeviceId(id))
            {
                return false;
            }

            deviceId = id;
            channel = topic.Substring(second + 1);
            return true;
        }
    }
}
