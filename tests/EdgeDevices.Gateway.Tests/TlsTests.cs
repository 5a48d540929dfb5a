using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Tests;

/// <summary>The embedded broker's TLS listener, switched on by configuration.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task With_tls_switched_on_devices_connect_on_the_tls_port_with_the_configured_certificate()
    {
        var directory = Directory.CreateTempSubdirectory("edgedevices-tls-").FullName;
        using var certificate = SelfSigned("gateway.local");
        var pfx = Path.Combine(directory, "gateway.p12");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        var tlsPort = TestGateway.FreePort();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["southbound:embedded:tls:enabled"] = "true",
            ["southbound:embedded:tls:port"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["southbound:embedded:tls:certificatePath"] = pfx,
            ["southbound:embedded:tls:certificatePassword"] = "pfx-password",
        });
        gateway.Registry.Register("aq-0400", "device-password-1");

        await using (var device = await TestDevice.ConnectAsync(tlsPort, "aq-0400", "device-password-1", trust: certificate))
        {
            Assert.True((await device.PublishAsync(Readings.AirQuality(0))).IsSuccess);
        }

        Assert.Equal(1, gateway.Store.Count(Lane.Bulk));

        // A device pinned to another certificate does not talk to this gateway.
        using var stranger = SelfSigned("someone-else");
        await Assert.ThrowsAnyAsync<Exception>(() => TestDevice.ConnectAsync(tlsPort, "aq-0400", "device-password-1", trust: stranger));
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddDnsName(name);
        alternativeNames.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(alternativeNames.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
