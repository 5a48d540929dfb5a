using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The payloads the gateway refused from devices (the quarantine): which device, when, why, the field at fault
/// and the bytes as they came (hex, cut at <c>storage.quarantineMaxBytes</c>), newest first, a page at a time.
/// Each device was told too, on its <c>rejects</c> topic (docs/wire-format.md).
/// </summary>
public static class QuarantineApi
{
    /// <summary>Maps /api/quarantine.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/quarantine").WithTags("Quarantine");
        api.MapGet("/", (string? deviceId, long? before, int? limit, BufferStore store) =>
            store.Quarantined(Math.Clamp(limit ?? 100, 1, 1000), string.IsNullOrEmpty(deviceId) ? null : deviceId, before).Select(QuarantineView.Of));
    }
}

/// <summary>
/// A refused payload as the operator sees it. <c>RawHex</c> holds the bytes kept (<c>RawLength</c> arrived; <c>Truncated</c>
/// when more came than are kept). Ask for the next page with <c>before</c> = the last <c>Id</c>.
/// </summary>
public sealed record QuarantineView(long Id, DateTimeOffset ReceivedAt, string? DeviceId, string Topic, string Reason, string? Field, string RawHex, int RawLength, bool Truncated)
{
    /// <summary>The view of a stored entry.</summary>
    public static QuarantineView Of(QuarantineEntry e) =>
        new(e.Id, DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAt), e.DeviceId, e.Topic, e.Reason, e.Field, Convert.ToHexString(e.Raw).ToLowerInvariant(), e.RawLength, e.Raw.Length < e.RawLength);
}
