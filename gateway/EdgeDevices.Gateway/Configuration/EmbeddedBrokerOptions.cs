namespace EdgeDevices.Gateway.Configuration;

public sealed class EmbeddedBrokerOptions
{
    /// <summary>Address the broker listens on (loopback by default; 0.0.0.0 for devices on the network).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>Whether the plain (unencrypted) port listens; off when every device connects with TLS.</summary>
    public bool Plaintext { get; set; } = true;

    public TlsOptions Tls { get; set; } = new();

    /// <summary>Connected clients at most; more are refused (server busy) until some leave.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>
    /// Connected clients from one source address at most (a street cabinet's router may carry a few hundred
    /// devices behind one address).
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 1_000;

    /// <summary>
    /// Failed logins from one source address in a minute before that address is refused without a password
    /// check; each further failure doubles the wait (up to an hour).
    /// </summary>
    public int FailedLoginsPerAddress { get; set; } = 20;

    /// <summary>
    /// The largest MQTT packet a logged-in client may send (header, topic and payload); a larger one closes its
    /// connection before it is read. The default fits the largest device message (a 4,096-byte JSON payload and
    /// its topic) twice over.
    /// </summary>
    public int MaxPacketBytes { get; set; } = 8192;
}
