using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>
/// Told of every message once it is committed to the buffer (never before, so nothing acts on a reading
/// that could still be lost). Called on the pipeline's writer: keep it short, and never throw.
/// </summary>
public interface IIngestObserver
{
    /// <summary>A message from <paramref name="deviceId"/> was stored at <paramref name="receivedAtMs"/> (Unix ms).</summary>
    void OnStored(string deviceId, Message message, long receivedAtMs);
}
