using EdgeDevices.Firmware.Update;
using EdgeDevices.Gateway.Operations;

namespace EdgeDevices.Gateway.Updates;

/// <summary>
/// Answers devices' chunk requests (<c>edge/{id}/fetch</c>) with bytes of the bundle a rollout sent them, on
/// <c>edge/{id}/chunks</c>, whichever broker carries them. A device is served only the bundle of its own
/// underway rollout — asking for anything else gets "not served" — and the device checks the whole against the
/// signed manifest, so the chunks themselves need no signature.
/// </summary>
public sealed class ChunkServer(RolloutStore rollouts, BundleStore bundles, GatewayMetrics metrics, ILogger<ChunkServer> log)
{
    /// <summary>The reply to <paramref name="request"/> from <paramref name="deviceId"/>, or null for a request that is not one.</summary>
    public byte[]? Answer(string deviceId, byte[] request)
    {
        if (!ChunkFrames.TryReadRequest(request, out var major, out var minor, out var patch, out var offset, out var length))
        {
            metrics.UpdateChunks.WithLabels("malformed").Inc();
            log.LogDebug("a malformed chunk request from {Device}", deviceId);
            return null;
        }

        var version = $"{major}.{minor}.{patch}";
        var underway = rollouts.Underway(deviceId);
        var bytes = underway is { } u && u.Rollout.Version == version ? bundles.Bytes(u.Rollout.App, version) : null;
        if (bytes == null)
        {
            metrics.UpdateChunks.WithLabels("notServed").Inc();
            return ChunkFrames.Reply(ChunkFrames.NotServed, major, minor, patch, offset, [], 0, 0);
        }

        metrics.UpdateChunks.WithLabels("served").Inc();
        var count = offset >= bytes.Length ? 0 : Math.Min(length, bytes.Length - offset);
        return ChunkFrames.Reply(ChunkFrames.Served, major, minor, patch, offset, bytes, Math.Min(offset, bytes.Length), count);
    }
}
