using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>The embedded broker's TLS listener, switched on by configuration.</summary>
[Trait("Category", "Integration")]
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

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_shipped_example_configuration_makes_a_local_ca_at_first_start_and_speaks_only_tls()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-tls-shipped-").FullName;
        var config = Path.Combine(state, "..", Path.GetFileName(state) + ".json");
        File.Copy(Path.Combine(RepositoryRoot.Path, "gateway", "deploy", "gateway.json"), config);
        var (plain, tls, http) = (TestGateway.FreePort(), TestGateway.FreePort(), TestGateway.FreePort());
        using var gateway = GatewayProcess.Start(
            ["--config", config, "--set", $"southbound:embedded:bindAddress=127.0.0.1", "--set", $"southbound:embedded:port={plain}", "--set", $"southbound:embedded:tls:port={tls}", "--set", $"http:urls=http://127.0.0.1:{http}"],
            new Dictionary<string, string> { ["STATE_DIRECTORY"] = state });
        Assert.True(gateway.WaitForOutput("Application started"), gateway.Output);
        Assert.Contains("--ca-cert", gateway.Output, StringComparison.Ordinal);

        // The CA devices are given, and the broker's key, owner-only.
        var folder = Path.Combine(state, "tls");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "server.p12")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "ca.key")));
        using var ca = X509CertificateLoader.LoadCertificate(System.Text.Encoding.ASCII.GetBytes(File.ReadAllText(Path.Combine(folder, "ca.pem"))));

        using (var registration = GatewayProcess.Start(["--config", config, "devices", "add", "aq-0410", "--password-file", WritePassword(state)], new Dictionary<string, string> { ["STATE_DIRECTORY"] = state }))
        {
            Assert.True(registration.WaitForExit() == 0, registration.Output);
        }

        // A device that trusts only the gateway's CA (chain and name checked, as a provisioned device does) gets in over TLS.
        using var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        var options = new MQTTnet.MqttClientOptionsBuilder()
            .WithTcpServer("localhost", tls)
            .WithClientId("aq-0410")
            .WithCredentials("aq-0410", "device-password-1")
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => TrustedBy(ca, e.Certificate, e.SslPolicyErrors)))
            .Build();
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, (await client.ConnectAsync(options)).ResultCode);
        await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions());

        // And nothing listens in clear.
        using var socket = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, plain));
    }

    [Fact]
    public void Tls_init_certifies_the_names_and_addresses_given_under_one_ca_kept_across_runs()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-tls-init-").FullName;
        var environment = new Dictionary<string, string> { ["STATE_DIRECTORY"] = state };
        using (var first = GatewayProcess.Start(["tls", "init", "--name", "gw.depot.local", "--address", "10.20.0.5"], environment))
        {
            Assert.True(first.WaitForExit() == 0, first.Output);
            Assert.Contains("next:", first.Output, StringComparison.Ordinal);
        }

        var caPem = File.ReadAllText(Path.Combine(state, "tls", "ca.pem"));
        using (var server = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(state, "tls", "server.p12"), null))
        {
            var san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains("gw.depot.local", san.EnumerateDnsNames());
            Assert.Contains(IPAddress.Parse("10.20.0.5"), san.EnumerateIPAddresses());
            using var ca = X509CertificateLoader.LoadCertificate(System.Text.Encoding.ASCII.GetBytes(caPem));
            Assert.True(TrustedBy(ca, server, System.Net.Security.SslPolicyErrors.None));
        }

        // Run again (a new name): a new server certificate, the same CA, so provisioned devices keep trusting it.
        using (var again = GatewayProcess.Start(["tls", "init", "--name", "gw2.depot.local"], environment))
        {
            Assert.True(again.WaitForExit() == 0, again.Output);
        }

        Assert.Equal(caPem, File.ReadAllText(Path.Combine(state, "tls", "ca.pem")));
        using (var bad = GatewayProcess.Start(["tls", "init", "--address", "gateway.local"], environment))
        {
            Assert.Equal(2, bad.WaitForExit());
            Assert.Contains("next:", bad.Output, StringComparison.Ordinal);
        }
    }

    private static string WritePassword(string state)
    {
        var file = Path.Combine(state, "..", Path.GetFileName(state) + ".pw");
        File.WriteAllText(file, "device-password-1\n");
        return file;
    }

    // Chain to the given CA only, and (for a live connection) the host name checked by the TLS stack.
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if ((errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
