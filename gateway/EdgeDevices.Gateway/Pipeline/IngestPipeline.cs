using System.Threading.Channels;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>
/// Decode → validate → durable buffer. Each payload is decoded and validated on arrival, then waits for the
/// next group commit; <see cref="SubmitAsync"/> returns only once its fate (stored, duplicate, quarantined)
/// is on disk, which is when the broker may acknowledge it to the device. Many payloads share one commit,
/// so a street of devices costs one disk flush, not one each. A failed commit (disk full, I/O error) leaves
/// its payloads unacknowledged so the devices send them again, and never stops the service.
/// </summary>
public sealed class IngestPipeline : BackgroundService
{
    private readonly Channel<IngestItem> _queue = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(20_000) { SingleReader = true });
    private readonly BufferStore _store;
    private readonly MessageValidator _validator;
    private readonly StorageOptions _storage;
    private readonly GatewayMetrics _metrics;
    private readonly PipelineHealth _health;
    private readonly IIngestObserver[] _observers;
    private readonly IQuarantineObserver[] _quarantineObservers;
    private readonly Privacy.Pseudonyms _pseudonyms;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _log;

    public IngestPipeline(BufferStore store, IOptions<ValidationOptions> validation, IOptions<StorageOptions> storage, GatewayMetrics metrics, PipelineHealth health, IEnumerable<IIngestObserver> observers, IEnumerable<IQuarantineObserver> quarantineObservers, Privacy.Pseudonyms pseudonyms, TimeProvider time, ILogger<IngestPipeline> log)
    {
        _store = store;
        _validator = new MessageValidator(validation.Value, time);
        _storage = storage.Value;
        _metrics = metrics;
        _health = health;
        _observers = [.. observers];
        _quarantineObservers = [.. quarantineObservers];
        _pseudonyms = pseudonyms;
        _time = time;
        _log = log;
    }

    /// <summary>Raised after a failed commit, so housekeeping can make room at once.</summary>
    public event Action? CommitFailed;

    /// <summary>Takes a device payload from <paramref name="topic"/>; completes once its fate is committed.</summary>
    public async Task<IngestOutcome> SubmitAsync(string deviceId, string topic, string channel, byte[] payload, CancellationToken cancellationToken)
    {
        var item = new IngestItem(deviceId, topic, channel, payload, _time.GetUtcNow().ToUnixTimeMilliseconds());
        var message = MessageDecoder.Decode(item, out var rejection);
        if (message is Firmware.Messages.MeterReading)
        {
            // A household from its first reading on, before anything could log or forward its id.
            _pseudonyms.Meter(deviceId);
        }

        if (message != null)
        {
            item.Decoded = message;
            rejection = _validator.Check(message);
        }

        if (rejection == null)
        {
            item.Message = message;
        }
        else
        {
            item.Rejection = rejection;
        }

        await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts a payload refused before it could be decoded (a network server's event that names no known
    /// device, say) into the quarantine with its reason; <paramref name="deviceId"/> is empty when unknown.
    /// </summary>
    public async Task<IngestOutcome> QuarantineAsync(string deviceId, string topic, byte[] payload, Rejection rejection, CancellationToken cancellationToken)
    {
        var item = new IngestItem(deviceId, topic, string.Empty, payload, _time.GetUtcNow().ToUnixTimeMilliseconds()) { Rejection = rejection };
        await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestItem>(_storage.MaxBatch);
        var reader = _queue.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            batch.Clear();
            using (var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1), TimeProvider.System))
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, quiet.Token))
            {
                try
                {
                    batch.Add(await reader.ReadAsync(idle.Token).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    Probe();
                    continue;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            // Gather what arrives within the batch delay: one commit for all of it. The delay and the idle
            // probe above are mechanics of the disk, not times of the city, so they run on the real clock
            // even when a test drives the gateway's clock by hand.
            if (_storage.MaxBatchDelayMs > 0 && !reader.TryPeek(out _))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_storage.MaxBatchDelayMs), CancellationToken.None).ConfigureAwait(false);
            }

            while (batch.Count < _storage.MaxBatch && reader.TryRead(out var more))
            {
                batch.Add(more);
            }

            Commit(batch);
        }

        // Whatever is still queued was never acknowledged: the devices send it again.
        while (reader.TryRead(out var left))
        {
            left.Completion.TrySetResult(IngestOutcome.Failed);
        }
    }

    private void Commit(List<IngestItem> batch)
    {
        IngestOutcome[] outcomes;
        try
        {
            outcomes = _store.Commit(batch);
        }
        catch (Exception ex)
        {
            _health.Fail("commit failed: " + ex.Message);
            _metrics.StorageFailures.Inc();
            if (ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 })
            {
                // SQLITE_FULL: housekeeping makes room (below); no stack trace per batch while it does.
                _log.LogWarning("the disk is full: committing {Count} messages failed; they stay unacknowledged and the devices resend them", batch.Count);
            }
            else
            {
                _log.LogError(ex, "committing {Count} messages failed; they stay unacknowledged and the devices resend them", batch.Count);
            }
            foreach (var item in batch)
            {
                item.Completion.TrySetResult(IngestOutcome.Failed);
            }

            CommitFailed?.Invoke();
            return;
        }

        _health.Beat();
        _metrics.CommitSize.Observe(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            switch (outcomes[i])
            {
                case IngestOutcome.Stored:
                    _metrics.Ingested.WithLabels(WireNames.Of(item.Message!.Type)).Inc();
                    Notify(item);
                    break;
                case IngestOutcome.Duplicate:
                    _metrics.Duplicates.Inc();
                    break;
                case IngestOutcome.Quarantined:
                    _metrics.Quarantined.WithLabels(item.Rejection?.Field ?? "payload").Inc();
                    _log.LogWarning("quarantined a payload from {Device} on {Topic} (entry {Entry}): {Reason}", _pseudonyms.Public(item.DeviceId), _pseudonyms.PublicTopic(item.Topic), item.QuarantineId, item.Rejection?.Reason);
                    NotifyQuarantined(item);
                    break;
            }

            // Acknowledged only now: what a device sees acknowledged is on disk and has been acted on.
            item.Completion.TrySetResult(outcomes[i]);
        }
    }

    private void Notify(IngestItem item)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnStored(item.DeviceId, item.Message!, item.ReceivedAt);
            }
            catch (Exception ex)
            {
                // An observer's failure must never cost a reading: it is already committed.
                _log.LogError(ex, "{Observer} failed on a message from {Device}", observer.GetType().Name, _pseudonyms.Public(item.DeviceId));
            }
        }
    }

    private void NotifyQuarantined(IngestItem item)
    {
        foreach (var observer in _quarantineObservers)
        {
            try
            {
                observer.OnQuarantined(item);
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "{Observer} failed on a quarantined payload from {Device}", observer.GetType().Name, _pseudonyms.Public(item.DeviceId));
            }
        }
    }

    private void Probe()
    {
        try
        {
            _store.Probe();
            _health.Beat();
        }
        catch (Exception ex)
        {
            _health.Fail("buffer not writable: " + ex.Message);
            _log.LogError(ex, "the buffer cannot take a write");
        }
    }
}
