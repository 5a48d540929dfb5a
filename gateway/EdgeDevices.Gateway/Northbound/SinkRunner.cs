using System.Threading.RateLimiting;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Runs every enabled sink on its own loop with its own cursors: the urgent lane (events, acknowledgements)
/// is always drained before the next batch of bulk telemetry; a failed delivery is retried with exponential
/// backoff and jitter (Polly) until it succeeds; and each sink is held to a rate (token bucket) so the
/// replay after a platform outage does not flood the platform while live data keeps flowing. Readings a
/// destination refuses for good go to <see cref="SinkRejects"/> with its reason and do not hold up the rest;
/// those the operator marks to be sent again go first.
/// </summary>
public sealed class SinkRunner(
    IEnumerable<ISink> sinks,
    BufferStore store,
    IOptions<SinksOptions> sinkOptions,
    GatewayMetrics metrics,
    Privacy.Pseudonyms pseudonyms,
    DeviceProfiles profiles,
    SinkRejects rejects,
    TimeProvider time,
    ILogger<SinkRunner> log) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(200);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Since, string Reason)> _failing = new(StringComparer.Ordinal);

    /// <summary>The enabled sinks' names.</summary>
    public IReadOnlyList<string> Names { get; } = [.. sinks.Select(s => s.Name)];

    /// <summary>The sinks whose deliveries fail now: since when, and the last reason.</summary>
    public IReadOnlyDictionary<string, (DateTimeOffset Since, string Reason)> Failing => _failing;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakes = sinks.Select(_ => new SemaphoreSlim(0, 1)).ToArray();
        void Wake()
        {
            foreach (var wake in wakes)
            {
                if (wake.CurrentCount == 0)
                {
                    try
                    {
                        wake.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // Another commit woke it already.
                    }
                }
            }
        }

        store.Stored += Wake;
        try
        {
            await Task.WhenAll(sinks.Select((sink, i) => Task.Run(() => RunAsync(sink, wakes[i], stoppingToken), stoppingToken))).ConfigureAwait(false);
        }
        finally
        {
            store.Stored -= Wake;
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sink in sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync(ISink sink, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        var settings = sinkOptions.Value;
        var failures = 0;
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryFirstDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(settings.RetryMaxDelayMs),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    metrics.SinkFailures.WithLabels(sink.Name).Inc();
                    failures++;
                    var reason = args.Outcome.Exception?.Message ?? "delivery failed";
                    _failing.AddOrUpdate(sink.Name, _ => (time.GetUtcNow(), reason), (_, f) => (f.Since, reason));
                    if (failures <= 3 || failures % 20 == 0)
                    {
                        log.LogWarning("sink {Sink}: delivery failed ({Attempt}), next try in {Delay}: {Reason}", sink.Name, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        var batchSize = Math.Min(sink.BatchSize, settings.ReplayRatePerSecond);
        using var rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.ReplayRatePerSecond,
            TokensPerPeriod = Math.Max(1, settings.ReplayRatePerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = settings.ReplayRatePerSecond,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Each attempt reads again, urgent lane first: an alarm raised during an outage goes out first.
                var delivered = await retry.ExecuteAsync(ct => new ValueTask<bool>(DeliverNextAsync(sink, batchSize, rate, ct)), stoppingToken).ConfigureAwait(false);
                _failing.TryRemove(sink.Name, out _);
                if (!delivered)
                {
                    // Drained: wait for the next commit (or poll, for what a commit elsewhere added).
                    await wake.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                }
                else if (failures > 0)
                {
                    log.LogInformation("sink {Sink}: delivering again after {Failures} failed attempts", sink.Name, failures);
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "sink {Sink}: delivery loop failed", sink.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    // Readings marked to be sent again first, then one batch from the urgent lane if it has any, else from the
    // bulk lane; false when all are drained.
    private async Task<bool> DeliverNextAsync(ISink sink, int batchSize, RateLimiter rate, CancellationToken stoppingToken)
    {
        var again = rejects.ToRetry(sink.Name, batchSize);
        if (again.Count > 0)
        {
            var refused = await DeliverAsync(sink, again, rate, stoppingToken, replay: true).ConfigureAwait(false);
            rejects.Delivered(sink.Name, again.Where(r => !refused.ContainsKey(r.Id)).Select(r => r.Id));
            metrics.Delivered.WithLabels(sink.Name).Inc(again.Count - refused.Count);
            return true;
        }

        foreach (var lane in Lanes.All)
        {
            var batch = store.Read(lane, store.Cursor(sink.Name, lane), batchSize);
            if (batch.Count == 0)
            {
                continue;
            }

            var refused = await DeliverAsync(sink, batch, rate, stoppingToken).ConfigureAwait(false);
            store.Advance(sink.Name, lane, batch[^1].Id);
            metrics.Delivered.WithLabels(sink.Name).Inc(batch.Count - refused.Count);
            return true;
        }

        return false;
    }

    // Delivers a batch as the platform may see it; what the destination refused is kept with its reason.
    private async Task<Dictionary<long, string>> DeliverAsync(ISink sink, IReadOnlyList<StoredReading> batch, RateLimiter rate, CancellationToken stoppingToken, bool replay = false)
    {
        using var lease = await rate.AcquireAsync(batch.Count, stoppingToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            // Not our turn yet (cannot happen with one loop per sink, but never send past the limit).
            throw new InvalidOperationException("rate limit lease refused");
        }

        var described = new Dictionary<string, Southbound.DeviceProfile>(StringComparer.Ordinal);
        var outgoing = batch.Select(r => Outgoing(sink, r, described)).ToList();
        var refusals = replay
            ? await sink.ReplayAsync(outgoing, stoppingToken).ConfigureAwait(false)
            : await sink.DeliverAsync(outgoing, stoppingToken).ConfigureAwait(false);
        var refused = refusals.ToDictionary(r => r.ReadingId, r => r.Reason);
        if (refused.Count > 0)
        {
            // Kept under the real id: the quarantine is the operator's, on the gateway.
            rejects.Add(sink.Name, batch.Where(r => refused.ContainsKey(r.Id)).Select(r => (r, refused[r.Id])));
            metrics.SinkRejected.WithLabels(sink.Name).Inc(refused.Count);
            log.LogWarning("sink {Sink}: {Count} reading(s) refused for good and kept for the operator (GET /api/sinks/rejects), e.g. {Reason}", sink.Name, refused.Count, refusals[0].Reason);
        }

        return refused;
    }

    // Households leave the gateway only under their pseudonyms (the idempotency key included), and without
    // anything that places them.
    private StoredReading Outgoing(ISink sink, StoredReading reading, Dictionary<string, Southbound.DeviceProfile> described)
    {
        var personal = pseudonyms.IsPersonal(reading.DeviceId);
        Southbound.DeviceProfile? profile = null;
        if (sink.DescribesDevices)
        {
            if (!described.TryGetValue(reading.DeviceId, out profile))
            {
                profile = profiles.Of(reading.DeviceId);
                described[reading.DeviceId] = profile;
            }

            if (personal)
            {
                profile = profile.WithoutPlace() with { Personal = true };
            }
        }

        return reading with { DeviceId = personal ? pseudonyms.Public(reading.DeviceId) : reading.DeviceId, Profile = profile };
    }
}
