namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// How much application payload a downlink may carry in each region at each data rate: N of the LoRaWAN
/// Regional Parameters (RP002-1.0.5, without repeater), as ChirpStack's <c>lrwn</c> crate holds them — the
/// network server refuses a bigger downlink (<c>DOWNLINK_PAYLOAD_SIZE</c> in its log). A class A downlink goes in
/// RX1 at the uplink's data rate (RX1DROffset 0, ChirpStack's default); where a region forbids the low rates
/// (AS923 with a 400 ms dwell time), RX1 uses its lowest allowed rate. The tables are checked against
/// ChirpStack's own (tests/reference-data/chirpstack/lorawan-max-dl-payload.csv).
/// </summary>
public static class LoRaWanRegions
{
    /// <summary>The regions the gateway knows, as ChirpStack's <c>region_common_name</c> names them.</summary>
    public static readonly IReadOnlyList<string> Names = ["IN865", "EU868", "RU864", "AS923"];

    private static readonly Dictionary<string, Dictionary<int, int>> MaxPayload = new(StringComparer.Ordinal)
    {
        ["IN865"] = Table((0, 51), (1, 51), (2, 51), (3, 115), (4, 242), (5, 242), (6, 242), (7, 242), (12, 242), (13, 242)),
        ["EU868"] = Table((0, 51), (1, 51), (2, 51), (3, 115), (4, 222), (5, 242), (6, 242), (7, 242), (8, 50), (9, 115), (10, 50), (11, 115), (12, 242), (13, 242)),
        ["RU864"] = Table((0, 51), (1, 51), (2, 51), (3, 115), (4, 242), (5, 242), (6, 242), (7, 242), (12, 242), (13, 242)),
        ["AS923"] = Table((0, 51), (1, 51), (2, 115), (3, 115), (4, 242), (5, 242), (6, 242), (7, 242), (12, 242), (13, 242)),
        ["AS923/400ms"] = Table((0, 0), (1, 0), (2, 11), (3, 53), (4, 125), (5, 242), (6, 242), (7, 242), (12, 242), (13, 242)),
    };

    /// <summary>Whether <paramref name="region"/> is one of <see cref="Names"/>.</summary>
    public static bool IsKnown(string? region) => region != null && Names.Contains(region, StringComparer.Ordinal);

    /// <summary>
    /// The most application payload a downlink may carry in <paramref name="region"/> at <paramref name="dataRate"/>
    /// (a 400 ms dwell time applies to AS923 only); 0 for a data rate the region does not define.
    /// </summary>
    public static int MaxDownlinkPayload(string region, int dataRate, bool dwellTime400ms = false)
    {
        var key = region == "AS923" && dwellTime400ms ? "AS923/400ms" : region;
        return MaxPayload.TryGetValue(key, out var table) && table.TryGetValue(dataRate, out var n) ? n : 0;
    }

    /// <summary>The data rate of the RX1 window after an uplink at <paramref name="uplinkDataRate"/> (RX1DROffset 0).</summary>
    public static int Rx1DataRate(string region, int uplinkDataRate, bool dwellTime400ms = false) =>
        region == "AS923" && dwellTime400ms ? Math.Max(2, uplinkDataRate) : uplinkDataRate;

    /// <summary>
    /// The room for one downlink to a device last heard at <paramref name="uplinkDataRate"/> in
    /// <paramref name="region"/>; when it has not been heard yet, or at a rate its region does not define, the
    /// region's slowest usable rate's (which any window can carry).
    /// </summary>
    public static int DownlinkRoom(string region, int? uplinkDataRate, bool dwellTime400ms = false)
    {
        var room = uplinkDataRate is { } dr ? MaxDownlinkPayload(region, Rx1DataRate(region, dr, dwellTime400ms), dwellTime400ms) : 0;
        return room > 0 ? room : Slowest(region, dwellTime400ms);
    }

    private static int Slowest(string region, bool dwellTime400ms)
    {
        var key = region == "AS923" && dwellTime400ms ? "AS923/400ms" : region;
        return MaxPayload.TryGetValue(key, out var table) ? table.OrderBy(p => p.Key).First(p => p.Value > 0).Value : 51;
    }

    private static Dictionary<int, int> Table(params (int DataRate, int MaxPayload)[] rates) => rates.ToDictionary(r => r.DataRate, r => r.MaxPayload);
}
