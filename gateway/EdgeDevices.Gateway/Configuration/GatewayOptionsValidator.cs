using System.Net;
using EdgeDevices.Gateway.Api;

namespace EdgeDevices.Gateway.Configuration;

/// <summary>Checks the settings as a whole; every problem names its field as the configuration file spells it.</summary>
public static class GatewayOptionsValidator
{
    /// <summary>Problems, each "field: what is wrong"; empty when the settings can run.</summary>
    public static IReadOnlyList<string> Validate(GatewayOptions o)
    {
        var errors = new List<string>();
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                errors.Add($"{field}: {problem}");
            }
        }

        static bool Port(int port) => port is >= 1 and <= 65535;
        static bool Url(string url, params string[] schemes) => Uri.TryCreate(url, UriKind.Absolute, out var u) && schemes.Contains(u.Scheme);

        Check(!string.IsNullOrWhiteSpace(o.GatewayId) && o.GatewayId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "gatewayId", "letters, digits, '-' or '_' only");
        if (o.Southbound.Mode == SouthboundMode.Embedded)
        {
            var e = o.Southbound.Embedded;
            Check(IPAddress.TryParse(e.BindAddress, out _), "southbound.embedded.bindAddress", $"'{e.BindAddress}' is not an IP address");
            Check(e.Port == 0 || Port(e.Port), "southbound.embedded.port", "must be 1–65535 (or 0: any free port, as the tests use)");
            Check(e.MaxConnections is >= 1 and <= 1_000_000, "southbound.embedded.maxConnections", "must be 1–1000000");
            Check(e.MaxConnectionsPerAddress >= 1 && e.MaxConnectionsPerAddress <= e.MaxConnections, "southbound.embedded.maxConnectionsPerAddress", "must be 1–maxConnections");
            Check(e.FailedLoginsPerAddress is >= 1 and <= 10_000, "southbound.embedded.failedLoginsPerAddress", "must be 1–10000");
            Check(e.MaxPacketBytes is >= 4608 and <= 268_435_455, "southbound.embedded.maxPacketBytes", "must be 4608–268435455 (a device's largest message, 4,096 bytes of JSON and its topic, needs about 4,300)");
            if (e.Tls.Enabled)
            {
                Check(e.Tls.Port == 0 || Port(e.Tls.Port) && e.Tls.Port != e.Port, "southbound.embedded.tls.port", "must be 1–65535 and differ from the plain port (or 0: any free port)");
                Check(
                    !string.IsNullOrEmpty(e.Tls.CertificatePath) && (File.Exists(GatewayHost.CertificatePath(o)) || GatewayHost.MakesOwnCertificate(o)),
                    "southbound.embedded.tls.certificatePath",
                    "a PKCS#12 file that exists is required with TLS (or tls/server.p12, which the gateway makes with a local CA: edgedevices-gateway tls init)");
            }

            Check(e.Plaintext || e.Tls.Enabled, "southbound.embedded.plaintext", "with TLS off too the broker would not listen at all");
        }
        else
        {
            var x = o.Southbound.External;
            Check(!string.IsNullOrWhiteSpace(x.Host), "southbound.external.host", "required in external mode");
            Check(Port(x.Port), "southbound.external.port", "must be 1–65535");
            Check(!string.IsNullOrWhiteSpace(x.ClientId), "southbound.external.clientId", "required");
        }

        if (o.LoRaWan.Enabled)
        {
            var l = o.LoRaWan;
            Check(!string.IsNullOrWhiteSpace(l.Host), "loRaWan.host", "required when LoRaWAN is enabled");
            Check(Port(l.Port), "loRaWan.port", "must be 1–65535");
            Check(!string.IsNullOrWhiteSpace(l.ClientId), "loRaWan.clientId", "required");
            Check(Guid.TryParse(l.ApplicationId, out _), "loRaWan.applicationId", "the ChirpStack application's id (a UUID) is required when LoRaWAN is enabled");
            Check(l.DownlinkResendMinutes is >= 1 and <= 1440, "loRaWan.downlinkResendMinutes", "must be 1–1440");
            Check(l.FragmentTimeoutSeconds is >= 60 and <= 86400, "loRaWan.fragmentTimeoutSeconds", "must be 60–86400");
            Check(Southbound.LoRaWan.LoRaWanRegions.IsKnown(l.Region), "loRaWan.region", $"'{l.Region}' is not a region the gateway knows: {string.Join(", ", Southbound.LoRaWan.LoRaWanRegions.Names)}");
            Check(!l.DwellTime400ms || l.Region == "AS923", "loRaWan.dwellTime400ms", "applies to AS923 only");
        }

        Check(o.Updates.ReleaseKey == null || Firmware.Security.HexText.Parse(o.Updates.ReleaseKey, Firmware.Security.Ed25519.PublicKeySize) != null, "updates.releaseKey", "64 hexadecimal digits (release.pub from edgectl bundle keygen)");
        Check(
            o.Updates.ReleaseKey == null || Firmware.Security.HexText.Parse(o.Updates.ReleaseKey, Firmware.Security.Ed25519.PublicKeySize) is not { } releaseKey || !Firmware.Security.Ed25519.IsWeakPublicKey(releaseKey),
            "updates.releaseKey",
            "a degenerate key (not a curve point, or of small order: signatures under it can be forged); use release.pub from edgectl bundle keygen");
        Check(o.Updates.MaxBundleBytes is >= 1024 and <= 16_777_216, "updates.maxBundleBytes", "must be 1024–16777216");
        Check(o.Updates.WaveTimeoutMinutes is >= 5 and <= 10_080, "updates.waveTimeoutMinutes", "must be 5–10080 (a week)");
        Check(o.Updates.CommandLifetimeHours is >= 1 and <= 720, "updates.commandLifetimeHours", "must be 1–720");

        var s = o.Storage;
        Check(s.RetentionDays is >= 1 and <= 3650, "storage.retentionDays", "must be 1–3650");
        Check(s.QuotaMegabytes is >= 16 and <= 1_048_576, "storage.quotaMegabytes", "must be 16–1048576");
        Check(s.MinFreeMegabytes is >= 0 and <= 65_536, "storage.minFreeMegabytes", "must be 0–65536");
        Check(s.Synchronous is "full" or "normal", "storage.synchronous", "must be 'full' or 'normal'");
        Check(s.MaxBatch is >= 1 and <= 10_000, "storage.maxBatch", "must be 1–10000");
        Check(s.MaxBatchDelayMs is >= 0 and <= 1000, "storage.maxBatchDelayMs", "must be 0–1000");
        Check(s.QuarantineMaxBytes is >= 64 and <= 65536, "storage.quarantineMaxBytes", "must be 64–65536");
        Check(o.Validation.MaxFutureSkewSeconds is >= 0 and <= 86400, "validation.maxFutureSkewSeconds", "must be 0–86400");
        Check(o.Validation.MaxAgeDays is >= 1 and <= 3650, "validation.maxAgeDays", "must be 1–3650");

        var k = o.Sinks;
        Check(k.ReplayRatePerSecond is >= 1 and <= 1_000_000, "sinks.replayRatePerSecond", "must be 1–1000000");
        Check(k.RetryFirstDelayMs is >= 10 and <= 600_000, "sinks.retryFirstDelayMs", "must be 10–600000");
        Check(k.RetryMaxDelayMs >= k.RetryFirstDelayMs && k.RetryMaxDelayMs <= 3_600_000, "sinks.retryMaxDelayMs", "must be at least retryFirstDelayMs and at most 3600000");
        if (k.Mqtt.Enabled)
        {
            Check(!string.IsNullOrWhiteSpace(k.Mqtt.Host), "sinks.mqtt.host", "required when the sink is enabled");
            Check(Port(k.Mqtt.Port), "sinks.mqtt.port", "must be 1–65535");
            Check(!string.IsNullOrWhiteSpace(k.Mqtt.TopicPrefix) && !k.Mqtt.TopicPrefix.Contains('#') && !k.Mqtt.TopicPrefix.Contains('+'), "sinks.mqtt.topicPrefix", "required, without wildcards");
            Check(k.Mqtt.BatchSize is >= 1 and <= 10_000, "sinks.mqtt.batchSize", "must be 1–10000");
        }

        if (k.NgsiLd.Enabled)
        {
            Check(Url(k.NgsiLd.Url, "http", "https"), "sinks.ngsiLd.url", "an http(s) URL is required when the sink is enabled");
            Check(k.NgsiLd.BatchSize is >= 1 and <= 1000, "sinks.ngsiLd.batchSize", "must be 1–1000");
            foreach (var (key, url) in new[] { ("core", k.NgsiLd.Contexts.Core), ("environment", k.NgsiLd.Contexts.Environment), ("streetlighting", k.NgsiLd.Contexts.Streetlighting), ("device", k.NgsiLd.Contexts.Device), ("waterConsumption", k.NgsiLd.Contexts.WaterConsumption) })
            {
                Check(Url(url, "http", "https"), $"sinks.ngsiLd.contexts.{key}", "an http(s) URL of a JSON-LD @context is required");
            }
        }

        if (k.Nats.Enabled)
        {
            Check(k.Nats.Url.Split(',').All(u => Url(u.Trim(), "nats", "tls")), "sinks.nats.url", "a nats:// URL is required when the sink is enabled (a cluster's servers comma-separated)");
            Check(!string.IsNullOrWhiteSpace(k.Nats.Stream) && k.Nats.Stream.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "sinks.nats.stream", "letters, digits, '-' or '_' only");
            Check(!string.IsNullOrWhiteSpace(k.Nats.SubjectPrefix) && !k.Nats.SubjectPrefix.Contains('*') && !k.Nats.SubjectPrefix.Contains('>'), "sinks.nats.subjectPrefix", "required, without wildcards");
            Check(k.Nats.BatchSize is >= 1 and <= 10_000, "sinks.nats.batchSize", "must be 1–10000");
            Check(k.Nats.Replicas is >= 1 and <= 5, "sinks.nats.replicas", "must be 1–5 (3 in a three-node cluster)");
        }

        Check(o.Http.AccessToken == null || o.Http.AccessToken.Length >= 16, "http.accessToken", "at least 16 characters");
        Check(o.Http.AccessToken != null || !HttpAccess.ListensBeyondLoopback(o.Http.Urls), "http.accessToken", "required when http.urls listens beyond loopback (the API and the dashboard would be open to the network)");
        foreach (var url in o.Http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            Check(Url(url, "http", "https"), "http.urls", $"'{url}' is not an http(s) URL");
        }

        Check(o.Privacy.PersonalDevicePrefixes.All(p => p.Length > 0 && Firmware.Messages.MqttTopics.IsValidDeviceId(p.TrimEnd('-') + "xyz")), "privacy.personalDevicePrefixes", "each prefix must be the start of a device id (a-z, 0-9, '-')");
        Check(o.Metering.RegisterDigits is >= 3 and <= 12, "metering.registerDigits", "must be 3–12");
        Check(o.Metering.MaxWaterPerHour > 0 && o.Metering.MaxElectricityPerHour > 0 && o.Metering.MaxGasPerHour > 0 && o.Metering.MaxHeatPerHour > 0, "metering.maxWaterPerHour", "every maximum flow must be above 0");
        Check(o.Metering.NightFromHour is >= 0 and < 24 && o.Metering.NightUntilHour is > 0 and <= 24 && o.Metering.NightFromHour < o.Metering.NightUntilHour, "metering.nightFromHour", "the night window must be hours within one day, from before until");
        Check(o.AirQuality.StuckHours is >= 1 and <= 168, "airQuality.stuckHours", "must be 1–168");
        Check(o.AirQuality.ClearAqi is >= 0 and <= 500 && o.AirQuality.AlertAqi is > 0 and <= 500 && o.AirQuality.ClearAqi <= o.AirQuality.AlertAqi, "airQuality.clearAqi", "must be 0–500 and not above airQuality.alertAqi");
        Check(o.AirQuality.AlertMinutes is >= 0 and <= 1440, "airQuality.alertMinutes", "must be 0–1440");
        Check(o.AirQuality.EuropeanIndexEdition is "2024" or "pre-2024", "airQuality.europeanIndexEdition", $"'{o.AirQuality.EuropeanIndexEdition}' is not an edition: 2024 (the EEA's revision) or pre-2024");
        Check(o.AirQuality.KazakhIndexHours is >= 1 and <= 744, "airQuality.kazakhIndexHours", "must be 1–744 (a day is 24, a month up to 744)");
        Check(o.Lighting.UtcOffsetMinutes is >= -720 and <= 840, "lighting.utcOffsetMinutes", "must be -720–840");
        return errors;
    }
}
