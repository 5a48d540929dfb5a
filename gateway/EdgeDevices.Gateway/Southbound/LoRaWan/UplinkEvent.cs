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
    /// <summary>The region the network server handled it in (<c>rxInfo[].metadata.region_common_name</c>), when it says.</summary>
    public string? Region { get; init; }

    /// <summary>The best signal any gateway heard it with, dBm, when given.</summary>
    public int? Rssi { get; init; }

    /// <summary>The best signal-to-noise ratio any gateway heard it with, dB, when given.</summary>
    public double? Snr { get; init; }

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
            string? region = null;
            int? rssi = null;
            double? snr = null;
            if (root.TryGetProperty("rxInfo", out var rxInfo) && rxInfo.ValueKind == JsonValueKind.Array)
            {
                foreach (var rx in rxInfo.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    if (region == null && rx.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                    {
                        region = String(metadata, "region_common_name");
                    }

                    if (rx.TryGetProperty("rssi", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var rv))
                    {
                        rssi = rssi is { } best ? Math.Max(best, rv) : rv;
                    }

                    if (rx.TryGetProperty("snr", out var n) && n.ValueKind == JsonValueKind.Number)
                    {
                        snr = snr is { } best ? Math.Max(best, n.GetDouble()) : n.GetDouble();
                    }
                }
            }

            return new UplinkEvent(dedup, devEui, application, time, (uint)fCnt, (int)fPort, confirmed, (int)dr, data) { Region = region, Rssi = rssi, Snr = snr };
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
