using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// The embedded broker's TLS material when the city has no PKI of its own: a local certificate authority made on
/// the gateway (ECDSA P-256, 20 years) and a server certificate it signs (2 years) for the gateway's names and
/// addresses. Files in the state directory's <c>tls/</c>: <c>ca.pem</c> (public: what devices are given at
/// provisioning, <c>edgectl provision … --ca-cert ca.pem</c>), <c>ca.key</c> and <c>server.p12</c> (owner-only).
/// Made by <c>edgedevices-gateway tls init</c>, or at the first start when the configuration names
/// <c>tls/server.p12</c> and it is not there yet. Built with .NET's own X.509 classes (no hand-written ASN.1).
/// </summary>
public static class BrokerCertificates
{
    /// <summary>The folder in the state directory.</summary>
    public const string Folder = "tls";

    /// <summary>The CA certificate devices trust.</summary>
    public const string CaFile = "ca.pem";

    /// <summary>The CA's private key (to sign a new server certificate later).</summary>
    public const string CaKeyFile = "ca.key";

    /// <summary>The broker's certificate and key.</summary>
    public const string ServerFile = "server.p12";

    /// <summary>
    /// Makes the CA (unless one is there) and a server certificate for <paramref name="names"/> and
    /// <paramref name="addresses"/> besides the machine's own; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Create(string stateDirectory, IEnumerable<string> names, IEnumerable<IPAddress> addresses, DateTimeOffset now)
    {
        var folder = Path.Combine(stateDirectory, Folder);
        Directory.CreateDirectory(folder);
        var caPath = Path.Combine(folder, CaFile);
        var caKeyPath = Path.Combine(folder, CaKeyFile);
        var written = new List<string>();

        X509Certificate2 ca;
        if (File.Exists(caPath) && File.Exists(caKeyPath))
        {
            ca = X509Certificate2.CreateFromPemFile(caPath, caKeyPath);
        }
        else
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=EdgeDevices gateway CA ({Environment.MachineName})", caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(20));
            Storage.SecretKeyFile.WritePrivate(caKeyPath, System.Text.Encoding.ASCII.GetBytes(caKey.ExportPkcs8PrivateKeyPem()));
            File.WriteAllText(caPath, ca.ExportCertificatePem());
            written.Add(caPath);
            written.Add(caKeyPath);
        }

        using (ca)
        using (var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var san = new SubjectAlternativeNameBuilder();
            var allNames = new[] { Environment.MachineName, Environment.MachineName + ".local", "localhost" }.Concat(names)
                .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            allNames.ForEach(san.AddDnsName);
            foreach (var address in new[] { IPAddress.Loopback }.Concat(MachineAddresses()).Concat(addresses).Distinct())
            {
                san.AddIpAddress(address);
            }

            var request = new CertificateRequest($"CN={allNames[0]}", serverKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            using var signed = request.Create(ca, now.AddMinutes(-5), now.AddYears(2), serial);
            using var withKey = signed.CopyWithPrivateKey(serverKey);
            var serverPath = Path.Combine(folder, ServerFile);
            Storage.SecretKeyFile.WritePrivate(serverPath, withKey.Export(X509ContentType.Pkcs12));
            written.Add(serverPath);
        }

        return written;
    }

    /// <summary>The machine's own unicast addresses (so devices reaching it by address can verify it).</summary>
    private static IEnumerable<IPAddress> MachineAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => !a.IsIPv6LinkLocal)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
