using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// One of ChirpStack v4's device events other than <c>up</c> (<c>join</c>, <c>ack</c>, <c>txack</c>,
/// <c>status</c>, <c>log</c>; <c>integration.proto</c>'s JoinEvent, AckEvent, TxAckEvent, StatusEvent, LogEvent
/// in the protobuf JSON mapping): its kind, the device it concerns, when, and its own fields. As in the JSON
/// mapping, a field left out holds its default (false, 0, empty).
/// </summary>
public sealed record DeviceEvent(string Kind, string DevEui, DateTimeOffset? Time, JsonObject Body)
{
    /// <summary>The kinds the gateway acts on.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["join", "ack", "txack", "status", "log"];

    /// <summary>The event of <paramref name="kind"/> in <paramref name="json"/>, or null with the reason it cannot be used.</summary>
    public static DeviceEvent? Parse(string kind, ReadOnlySpan<byte> json, out Rejection? rejection)
    {
        rejection = null;
        JsonObject body;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed)
            {
                rejection = new Rejection($"a {kind} event is a JSON object");
                return null;
            }

            body = parsed;
        }
        catch (System.Text.Json.JsonException ex)
        {
            rejection = new Rejection("not JSON: " + ex.Message);
            return null;
        }

        var devEui = LoRaWanDevices.Normalise(String(body["deviceInfo"]?["devEui"]));
        if (devEui == null)
        {
            rejection = new Rejection("missing or malformed deviceInfo.devEui (16 hex digits)", "deviceInfo.devEui");
            return null;
        }

        var time = String(body["time"]) is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new DeviceEvent(kind, devEui, time, body);
    }

    /// <summary>A string field (null when absent or not a string).</summary>
    public string? Text(string name) => String(Body[name]);

    /// <summary>A boolean field (false when absent, as the JSON mapping leaves false out).</summary>
    public bool Flag(string name) => Body[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>A number field (0 when absent).</summary>
    public double Number(string name) => Body[name] is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out d))) ? d : 0;

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
