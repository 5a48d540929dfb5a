using System.Text.Json;
using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// The fields of a ChirpStack v4 uplink event (<c>integration.UplinkEvent</c> in its protobuf JSON form) the
/// gateway uses. Proto3 JSON leaves out fields at their default value, so a missing <c>fCnt</c>,
/// <c>fPort</c>, <c>confirmed</c>, <c>dr</c> or <c>data</c> means 0, false or empty; what cannot be defaulted
/// (the deduplication id, the DevEUI) makes the event refused with the field named.
/// </summary>
public sealed record UplinkEvent(string DeduplicationId, string DevEui, string? ApplicationId, DateTimeOffset? Time, uint FCnt, int FPort, bool Confirmed, int DataRate, byte[] Data)
{
    /// <summary>The event in <paramref name="json"/>, or null with the reason it cannot be used.</summary>
    public static UplinkEvent? Parse(ReadOnlySpan<byte> json, out Rejection? rejection)
    {
        rejection = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            rejection = new Rejection("not JSON: " + ex.Message);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = new Rejection("an uplink event is a JSON object");
                return null;
            }

            var dedup = String(root, "deduplicationId");
            if (dedup == null || !Guid.TryParse(dedup, out _))
            {
                rejection = new Rejection("missing or malformed deduplicationId (a UUID)", "deduplicationId");
                return null;
            }

            string? devEui = null;
            string? application = null;
            if (root.TryGetProperty("deviceInfo", out var info) && info.ValueKind == JsonValueKind.Object)
            {
                devEui = LoRaWanDevices.Normalise(String(info, "devEui"));
                application = String(info, "applicationId");
            }

            if (devEui == null)
            {
                rejection = new Rejection("missing or malformed deviceInfo.devEui (16 hex digits)", "deviceInfo.devEui");
                return null;
            }

            if (!TryNumber(root, "fCnt", uint.MaxValue, out var fCnt) || !TryNumber(root, "fPort", 255, out var fPort) || !TryNumber(root, "dr", 15, out var dr))
            {
                rejection = new Rejection("fCnt, fPort and dr must be whole numbers in range", "fCnt/fPort/dr");
                return null;
            }

            var confirmed = root.TryGetProperty("confirmed", out var c) && c.ValueKind == JsonValueKind.True;
            byte[] data = [];
            if (root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.String || !d.TryGetBytesFromBase64(out var bytes))
                {
                    rejection = new Rejection("data is not base64", "data");
                    return null;
                }

                data = bytes;
            }

            DateTimeOffset? time = root.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var at) ? at : null;
            return new UplinkEvent(dedup, devEui, application, time, (uint)fCnt, (int)fPort, confirmed, (int)dr, data);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryNumber(JsonElement element, string name, long max, out long value)
    {
        value = 0;
        if (!element.TryGetProperty(name, out var property))
        {
            return true;
        }

        return property.ValueKind == JsonValueKind.Number && property.TryGetInt64(out value) && value >= 0 && value <= max;
    }
}
