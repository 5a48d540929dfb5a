using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace EdgeDevices.Gateway.Tests.Configuration;

/// <summary>Bad configuration stops start-up with a message naming the field.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigurationTests
{
    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "southbound:embedded:port", "70000", "southbound.embedded.port: must be 1–65535" },
        { "southbound:embedded:port", "many", "southbound.embedded.port: must be a whole number" },
        { "southbound:embedded:prot", "1884", "southbound.embedded.prot: unknown setting" },
        { "southbound:mode", "carrier-pigeon", "southbound.mode: must be 'embedded' or 'external'" },
        { "storage:synchronous", "sometimes", "storage.synchronous: must be 'full' or 'normal'" },
        { "storage:quotaMegabytes", "1", "storage.quotaMegabytes: must be 16–1048576" },
        { "sinks:ngsiLd:enabled", "true", "sinks.ngsiLd.url: an http(s) URL is required" },
        { "sinks:mqtt:enabled", "yes please", "sinks.mqtt.enabled: must be true or false" },
        { "http:urls", "ftp://x", "http.urls: 'ftp://x' is not an http(s) URL" },
        { "gatewayId", "gw astana", "gatewayId: letters, digits" },
        { "southbound:embedded:tls:enabled", "true", "southbound.embedded.tls.certificatePath: a PKCS#12 file that exists is required" },
        { "loRaWan:enabled", "true", "loRaWan.applicationId: the ChirpStack application's id (a UUID) is required" },
        { "loRaWan:appId", "x", "loRaWan.appId: unknown setting" },
        { "updates:releaseKey", "abc", "updates.releaseKey: 64 hexadecimal digits" },

        // Degenerate release keys: all zero (small order), the identity, a point of order 8 (libsodium's blocklist).
        { "updates:releaseKey", new string('0', 64), "updates.releaseKey: a degenerate key" },
        { "updates:releaseKey", "01" + new string('0', 62), "updates.releaseKey: a degenerate key" },
        { "updates:releaseKey", "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", "updates.releaseKey: a degenerate key" },
        { "southbound:embedded:maxConnectionsPerAddress", "0", "southbound.embedded.maxConnectionsPerAddress: must be 1–maxConnections" },
        { "southbound:embedded:failedLoginsPerAddress", "0", "southbound.embedded.failedLoginsPerAddress: must be 1–10000" },
        { "southbound:embedded:maxPacketBytes", "4096", "southbound.embedded.maxPacketBytes: must be 4608–268435455" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_named(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        ConfigurationReader.Read(configuration, out var errors);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void External_mode_needs_a_host_and_every_problem_is_reported_at_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["southbound:mode"] = "external",
            ["storage:retentionDays"] = "0",
            ["sinks:nats:enabled"] = "true",
            ["sinks:nats:url"] = "http://not-nats",
        }).Build();
        ConfigurationReader.Read(configuration, out var errors);
        Assert.Contains("southbound.external.host: required in external mode", errors);
        Assert.Contains(errors, e => e.StartsWith("storage.retentionDays", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("sinks.nats.url", StringComparison.Ordinal));
    }

    [Fact]
    public void No_settings_at_all_run_on_embedded_defaults()
    {
        var options = ConfigurationReader.Read(new ConfigurationBuilder().Build(), out var errors);
        Assert.Empty(errors);
        Assert.Equal(SouthboundMode.Embedded, options.Southbound.Mode);
        Assert.Equal("127.0.0.1", options.Southbound.Embedded.BindAddress);
        Assert.Equal(1883, options.Southbound.Embedded.Port);
    }

    [Fact]
    public void The_service_refuses_to_start_on_a_bad_file_and_names_the_fields()
    {
        var directory = Directory.CreateTempSubdirectory("edgedevices-config-").FullName;
        var file = Path.Combine(directory, "gateway.json");
        File.WriteAllText(file, """{ "southbound": { "embedded": { "port": 0, "bindAdress": "0.0.0.0" } }, "storage": { "stateDirectory": "x" } }""");
        using var gateway = GatewayProcess.Start(["--config", file, "--set", $"stateDirectory={directory}/state"]);
        Assert.Equal(2, gateway.WaitForExit());
        Assert.Contains("southbound.embedded.bindAdress: unknown setting", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("storage.stateDirectory: unknown setting", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("the gateway does not start", gateway.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, "state")), "nothing was started");

        File.WriteAllText(file, "{ \"southbound\": ");
        using var broken = GatewayProcess.Start(["--config", file]);
        Assert.Equal(2, broken.WaitForExit());
        Assert.Contains("is not valid JSON", broken.Output, StringComparison.Ordinal);

        using var check = GatewayProcess.Start(["config", "check", "--set", "southbound:embedded:port=1884", "--set", $"stateDirectory={directory}/state"]);
        Assert.Equal(0, check.WaitForExit());
        Assert.Contains("configuration valid", check.Output, StringComparison.Ordinal);
    }
}
