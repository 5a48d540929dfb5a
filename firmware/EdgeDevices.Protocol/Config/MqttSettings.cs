namespace EdgeDevices.Firmware.Config
{
    /// <summary>Where and how an MQTT device connects.</summary>
    public sealed class MqttSettings
    {
        /// <summary>Broker host name or address.</summary>
        public string Host { get; set; }

        /// <summary>Broker port.</summary>
        public int Port { get; set; }

        /// <summary>Whether to use TLS.</summary>
        public bool Tls { get; set; }

        /// <summary>User name; defaults to the device id.</summary>
        public string Username { get; set; }

        /// <summary>The device's own password (the gateway stores only its hash).</summary>
        public string Password { get; set; }

        /// <summary>MQTT keep-alive, seconds.</summary>
        public int KeepAliveSeconds { get; set; }
    }
}
