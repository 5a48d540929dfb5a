namespace EdgeDevices.Firmware.Config
{
    /// <summary>The names configuration files use for enum values (and the provisioning tool writes).</summary>
    public static class ConfigNames
    {
        /// <summary>LoRaWAN regions the modem driver supports; IN865 first, the default for Kazakhstan.</summary>
        public static string Region(int index)
        {
            switch (index)
            {
                case 0: return "IN865";
                case 1: return "EU868";
                case 2: return "RU864";
                case 3: return "AS923";
                default: return null;
            }
        }

        /// <summary>Name of a device role.</summary>
        public static string Role(int value)
        {
            switch ((DeviceRole)value)
            {
                case DeviceRole.StreetLight: return "streetlight";
                case DeviceRole.AirQuality: return "airquality";
                case DeviceRole.Meter: return "meter";
                default: return null;
            }
        }

        /// <summary>Name of a transport.</summary>
        public static string Transport(int value)
        {
            switch ((TransportKind)value)
            {
                case TransportKind.Mqtt: return "mqtt";
                case TransportKind.LoRaWan: return "lorawan";
                default: return null;
            }
        }

        /// <summary>Name of a payload encoding.</summary>
        public static string Encoding(int value)
        {
            switch ((PayloadEncoding)value)
            {
                case PayloadEncoding.Json: return "json";
                case PayloadEncoding.Compact: return "compact";
                default: return null;
            }
        }
    }
}
