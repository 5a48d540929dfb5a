namespace EdgeDevices.Gateway.Configuration;

public sealed class TlsOptions
{
    public bool Enabled { get; set; }

    public int Port { get; set; } = 8883;

    /// <summary>
    /// PKCS#12 file with the broker's certificate and key; a relative path is in the state directory.
    /// <c>tls/server.p12</c> is made at the first start (with a local CA) when it is not there.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
