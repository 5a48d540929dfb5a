using System.Text;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using FsCheck.Xunit;
using Microsoft.Extensions.Configuration;

namespace EdgeDevices.Gateway.Tests.Pipeline;

/// <summary>
/// Property-based checks of the gateway's own readers of outside input: any payload on any channel is
/// either a message or a rejection with a reason, never an exception; any configuration is either options
/// or problems that each name a field.
/// </summary>
public sealed class GatewayInputProperties
{
    private static readonly string[] Channels = [MqttTopics.Telemetry, MqttTopics.State, MqttTopics.Events, MqttTopics.Acks, "cmd", "x"];

    private static readonly string[] Keys =
    [
        "gatewayId", "stateDirectory", "southbound:mode", "southbound:embedded:port", "southbound:embedded:bindAddress", "southbound:embedded:tls:enabled",
        "southbound:external:host", "storage:quotaMegabytes", "storage:synchronous", "storage:retentionDays", "sinks:mqtt:enabled", "sinks:mqtt:host",
        "sinks:ngsiLd:url", "sinks:nats:url", "http:urls", "lighting:utcOffsetMinutes", "privacy:personalDevicePrefixes:0", "metering:registerDigits",
        "airQuality:alertAqi", "airQuality:clearAqi", "nonsense", "storage:nope", "sinks:mqtt:port:deeper",
    ];

    private static readonly string[] Values = ["", "0", "-1", "1", "70000", "true", "yes", "embedded", "external", "full", "x y", "http://a", "nats://b", "1e9", "m-", "{}"];

    [Property(MaxTest = 3000)]
    public bool Any_payload_on_any_channel_decodes_or_is_rejected_with_a_reason(byte[] payload, int channel)
    {
        var item = new IngestItem("aq-0001", "edge/aq-0001/x", Channels[Math.Abs(channel % Channels.Length)], payload ?? [], 0);
        var message = MessageDecoder.Decode(item, out var rejection);
        return message != null ? rejection == null : rejection != null && rejection.Reason.Length > 0;
    }

    [Property(MaxTest = 2000)]
    public bool Any_json_text_decodes_or_is_rejected_with_a_reason(string text)
    {
        var item = new IngestItem("aq-0001", "edge/aq-0001/telemetry", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{" + (text ?? string.Empty)), 0);
        var message = MessageDecoder.Decode(item, out var rejection);
        return message != null ? rejection == null : rejection != null && rejection.Reason.Length > 0;
    }

    [Property(MaxTest = 2000)]
    public bool Any_configuration_gives_options_or_problems_that_name_a_field(int seed)
    {
        var random = new Random(seed);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            settings[Keys[random.Next(Keys.Length)]] = Values[random.Next(Values.Length)];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        ConfigurationReader.Read(configuration, out var errors);
        // "field.path: what is wrong", with the field in the configuration's own (camelCase, dotted) spelling.
        return errors.All(e => e.IndexOf(": ", StringComparison.Ordinal) > 0 && !e.StartsWith("configuration:", StringComparison.Ordinal));
    }
}
