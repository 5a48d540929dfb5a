using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// A destination on the city platform. A sink delivers a batch or throws; it is given a batch again until
/// it succeeds, so what it sends must be safe to receive twice (every message carries its device, boot id
/// and sequence). A destination that refuses some readings for good (malformed for it, not a passing
/// failure) does not hold up the rest: the sink names them, with the destination's reason, and the runner
/// keeps them in <see cref="SinkRejects"/> for the operator.
/// </summary>
public interface ISink : IAsyncDisposable
{
    /// <summary>Its name, which keys its cursors in the buffer.</summary>
    string Name { get; }

    /// <summary>Most readings per delivery.</summary>
    int BatchSize { get; }

    /// <summary>Whether it wants each reading's <see cref="StoredReading.Profile"/> (role, position) filled in.</summary>
    bool DescribesDevices => false;

    /// <summary>
    /// Delivers <paramref name="readings"/> (in buffer order) or throws; returns the readings the destination
    /// refused for good, each with its reason (all the others were delivered).
    /// </summary>
    Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers readings sent again long after newer ones (refused before, then marked by the operator): a sink
    /// whose destination keeps a current state adds them to its history instead of rolling that state back.
    /// </summary>
    Task<IReadOnlyList<SinkRejection>> ReplayAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken) => DeliverAsync(readings, cancellationToken);
}
