namespace EdgeDevices.Hardware.Emulation.LoRaWan;

/// <summary>
/// The network's answer to an uplink: the acknowledgement of a confirmed one, a downlink, whether more are
/// queued, and the network's time when the uplink asked for it (DeviceTimeAns).
/// </summary>
public sealed record LoRaAnswer(bool Acknowledged, int DownlinkPort = 0, byte[]? Downlink = null, bool FramePending = false, DateTime? NetworkTime = null)
{
    /// <summary>Nothing came back (out of coverage, or the network had nothing to say).</summary>
    public static LoRaAnswer Silence { get; } = new(false);
}
