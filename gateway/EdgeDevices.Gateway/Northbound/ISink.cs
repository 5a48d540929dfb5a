using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// A destination on the city platform. A sink delivers a batch whole or throws; it is given each batch again
/// until it succeeds, so what it sends must be safe to receive twice (every message carries its device, boot
/// id and sequence).
/// </summary>
public interface ISink : IAsyncDisposable
{
    /// <summary>Its name, which keys its cursors in the buffer.</summary>
    string Name { get; }

    /// <summary>Most readings per delivery.</summary>
    int BatchSize { get; }

    /// <summary>Delivers <paramref name="readings"/> (in buffer order) or throws.</summary>
    Task DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken);
}
