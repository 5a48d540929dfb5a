namespace EdgeDevices.Gateway.Pipeline;

/// <summary>Told of each payload once its place in the quarantine is committed (on the pipeline's thread: return quickly).</summary>
public interface IQuarantineObserver
{
    /// <summary><paramref name="item"/> is in the quarantine as entry <see cref="IngestItem.QuarantineId"/>, for <see cref="IngestItem.Rejection"/>.</summary>
    void OnQuarantined(IngestItem item);
}
