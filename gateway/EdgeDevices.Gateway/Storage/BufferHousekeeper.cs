using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// Keeps the buffer within its bounds: removes what every enabled sink has delivered (after a grace period
/// in which a device's late resend is still recognised as a duplicate), drops what is older than the
/// retention time, and holds the disk quota by dropping the oldest telemetry first and alarms last. It also
/// keeps <c>storage.minFreeMegabytes</c> free on the file system, whatever the quota, by dropping the oldest
/// telemetry only, so alarms still get in when the disk fills up first (other files, a small card). Every
/// drop is counted, in the buffer (so the count survives restarts) and in the metrics. A failed commit
/// triggers a pass at once: a full disk is the likeliest cause.
/// </summary>
public sealed class BufferHousekeeper : BackgroundService
{
    /// <summary>How long delivered readings stay to catch resends.</summary>
    public static readonly TimeSpan DuplicateGrace = TimeSpan.FromMinutes(10);

    // The free-space check is a statfs call: cheap enough every second, and a disk can fill in ten.
    private static readonly TimeSpan FreeSpacePeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BoundsPeriod = TimeSpan.FromMinutes(1);

    private readonly BufferStore _store;
    private readonly BufferRetention _retention;
    private readonly SinkRunner _sinks;
    private readonly SinkRejects _rejects;
    private readonly Southbound.DeviceHistory _history;
    private readonly Southbound.LoRaWan.LoRaWanDownlinks _downlinks;
    private readonly StorageOptions _storage;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<BufferHousekeeper> _log;
    private readonly SemaphoreSlim _urgent = new(0);
    private readonly FreeSpace _freeSpace;
    private readonly string _stateDirectory;
    private readonly DiskReserve _reserve;

    // SQLITE_FULL: "database or disk is full".
    private const int SqliteFull = 13;

    // A buffer this big is rebuilt (VACUUM) in seconds on an SD card; a bigger one waits for the operator.
    private const long RebuildLimitBytes = 128L << 20;

    public BufferHousekeeper(BufferStore store, BufferRetention retention, SinkRunner sinks, SinkRejects rejects, Southbound.DeviceHistory history, Southbound.LoRaWan.LoRaWanDownlinks downlinks, IngestPipeline pipeline, IOptions<GatewayOptions> options, GatewayMetrics metrics, FreeSpace freeSpace, TimeProvider time, ILogger<BufferHousekeeper> log)
    {
        _freeSpace = freeSpace;
        _stateDirectory = GatewayHost.StateDirectory(options.Value);
        _reserve = new DiskReserve(_stateDirectory);
        _store = store;
        _retention = retention;
        _sinks = sinks;
        _rejects = rejects;
        _history = history;
        _downlinks = downlinks;
        _storage = options.Value.Storage;
        _metrics = metrics;
        _time = time;
        _log = log;
        pipeline.CommitFailed += () => _urgent.Release();
    }

    /// <summary>One pass over the bounds (retention and quota), as the timer runs it.</summary>
    public void EnforceBounds()
    {
        var now = _time.GetUtcNow();
        var cutoff = now.AddDays(-_storage.RetentionDays).ToUnixTimeMilliseconds();
        var expired = _retention.RemoveOlderThan(cutoff);
        if (expired > 0)
        {
            _log.LogWarning("dropped {Count} undelivered readings older than {Days} days", expired, _storage.RetentionDays);
        }

        // Readings a sink refused are bounded like the rest, and go first when the disk is short: they are
        // copies already refused, the buffer holds what is not yet delivered.
        Forget(_rejects.RemoveOlderThan(cutoff), "dropped_rejects_retention", $"readings refused by a sink more than {_storage.RetentionDays} days ago");
        Forget(_rejects.RemoveBeyond(SinkRejects.MaxPerSink), "dropped_rejects_cap", $"readings refused by a sink beyond the {SinkRejects.MaxPerSink} kept per sink");
        _history.RemoveOlderThan(cutoff);
        _downlinks.RemoveOlderThan(cutoff);
        var quota = _storage.QuotaMegabytes * 1024L * 1024L;
        while (_store.UsedBytes() > quota * 9 / 10 && _rejects.RemoveOldest(1000) is > 0 and var evicted)
        {
            Forget(evicted, "dropped_rejects_quota", $"readings refused by a sink, over the {_storage.QuotaMegabytes} MB quota");
        }

        var dropped = _retention.EnforceQuota(quota);
        if (dropped > 0)
        {
            _log.LogWarning("buffer over its {Quota} MB quota: dropped the {Count} oldest readings (telemetry first)", _storage.QuotaMegabytes, dropped);
        }

        KeepFreeSpace();
        _retention.ReleaseSpace();
    }

    /// <summary>
    /// Below <c>storage.minFreeMegabytes</c> free on the disk (or with no room at all), drops the oldest telemetry
    /// until the shortfall and the <see cref="DiskReserve"/> are covered by the buffer's own freed pages (which new
    /// alarms reuse), then returns what it can to the file system. When SQLite finds the disk too full even for
    /// that, the reserve is given up first; it is written again once there is room for it above the watermark.
    /// </summary>
    public void KeepFreeSpace()
    {
        var watermark = Math.Max(_storage.MinFreeMegabytes * 1024L * 1024L, 1024L * 1024L);
        var free = _freeSpace.AvailableBytes(_stateDirectory);
        if (free >= watermark)
        {
            if (free - watermark >= DiskReserve.Bytes && !_reserve.Held && _reserve.TryHold())
            {
                _log.LogInformation("set {Megabytes} MB aside on the disk for making room when it fills ({File})", DiskReserve.Bytes >> 20, _reserve.Path);
            }

            return;
        }

        try
        {
            MakeRoom(watermark, free);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteFull && _reserve.Release())
        {
            _log.LogWarning("the disk is full: gave up the {Megabytes} MB set aside so the buffer can make room", DiskReserve.Bytes >> 20);
            MakeRoom(watermark, free);
        }
    }

    private void MakeRoom(long watermark, long found)
    {
        // The log first: on a full disk even a delete needs room in it.
        _retention.Checkpoint();
        var free = _freeSpace.AvailableBytes(_stateDirectory);
        // Room for the log to grow back to its limit too, or the next second's writes eat the watermark again.
        var wanted = watermark + BufferDatabase.LogLimitBytes + (_reserve.Held ? 0 : DiskReserve.Bytes);
        var dropped = _retention.EvictTelemetry(Math.Max(0, _store.UsedBytes() - (wanted - free)));
        if (dropped > 0)
        {
            _log.LogWarning(
                "the disk had {Free} MB free, below the {Reserve} MB kept free: dropped the {Count} oldest telemetry readings so alarms still get in",
                found / (1024 * 1024), _storage.MinFreeMegabytes, dropped);
            _retention.ReleaseSpace();
            _retention.Checkpoint();
        }
        else if (_store.Count(Lane.Bulk) == 0)
        {
            _log.LogError("the disk has {Free} MB free and no telemetry is left to drop: free space on {Directory}", free / (1024 * 1024), _stateDirectory);
        }

        if (!_reserve.Held && _freeSpace.AvailableBytes(_stateDirectory) - watermark >= DiskReserve.Bytes && _reserve.TryHold())
        {
            _log.LogInformation("set {Megabytes} MB aside on the disk again", DiskReserve.Bytes >> 20);
        }
    }

    /// <summary>
    /// A buffer file made before incremental vacuum was set right (see <see cref="BufferDatabase"/>) is rebuilt once
    /// so that dropped readings give space back: only when it is small enough to do so in seconds and the disk has
    /// room for the copy; otherwise the operator is told what to do. Runs after start-up, commits waiting.
    /// </summary>
    public void GiveFreedSpaceBack()
    {
        try
        {
            if (_store.Database.ReturnsFreedSpace())
            {
                return;
            }

            var size = new FileInfo(_store.Database.Path).Length;
            var free = _freeSpace.AvailableBytes(_stateDirectory);
            if (size > RebuildLimitBytes || free < (2 * size) + (_storage.MinFreeMegabytes * 1024L * 1024L))
            {
                _log.LogWarning(
                    "{File} ({Size} MB) does not give the space of dropped readings back to the disk (made before incremental vacuum was set right) and is too big to rebuild now ({Free} MB free): stop the gateway and run sqlite3 {File} 'PRAGMA auto_vacuum=INCREMENTAL; VACUUM;' when the disk has room for a copy",
                    _store.Database.Path, size >> 20, free >> 20, _store.Database.Path);
                return;
            }

            _log.LogInformation("rebuilding {File} ({Size} MB) once so that dropped readings give their space back to the disk", _store.Database.Path, size >> 20);
            _retention.RebuildWithIncrementalVacuum();
            _log.LogInformation("rebuilt {File}: {Size} MB", _store.Database.Path, new FileInfo(_store.Database.Path).Length >> 20);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteFull)
        {
            _log.LogWarning("could not rebuild {File} for incremental vacuum: the disk is full", _store.Database.Path);
        }
    }

    /// <summary>Removes delivered readings and refreshes the buffer's metrics.</summary>
    public void Tidy()
    {
        if (_sinks.Names.Count > 0)
        {
            _retention.RemoveDelivered(_sinks.Names, _time.GetUtcNow().Subtract(DuplicateGrace).ToUnixTimeMilliseconds());
        }

        foreach (var lane in Lanes.All)
        {
            _metrics.BufferDepth.WithLabels(lane.ToString().ToLowerInvariant()).Set(_store.Count(lane));
        }

        var oldest = _store.OldestReceivedAt();
        _metrics.BufferOldestAge.Set(oldest is { } ms ? (_time.GetUtcNow().ToUnixTimeMilliseconds() - ms) / 1000.0 : 0);
        _metrics.BufferBytes.Set(_store.UsedBytes());
        foreach (var sink in _sinks.Names)
        {
            _metrics.SinkLag.WithLabels(sink).Set(_store.Lag(sink));
        }

        _metrics.Dropped.WithLabels("retention").IncTo(_store.Counter("dropped_retention"));
        _metrics.Dropped.WithLabels("quota_telemetry").IncTo(_store.Counter("dropped_quota_telemetry"));
        _metrics.Dropped.WithLabels("quota_alarms").IncTo(_store.Counter("dropped_quota_alarms"));
        _metrics.Dropped.WithLabels("disk_telemetry").IncTo(_store.Counter("dropped_disk_telemetry"));
        foreach (var cause in new[] { "rejects_retention", "rejects_cap", "rejects_quota" })
        {
            _metrics.Dropped.WithLabels(cause).IncTo(_store.Counter("dropped_" + cause));
        }
    }

    private void Forget(int count, string counter, string what)
    {
        if (count > 0)
        {
            _store.AddToCounter(counter, count);
            _log.LogWarning("forgot {Count} {What} (never sent again)", count, what);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GiveFreedSpaceBack();
        var nextBounds = _time.GetUtcNow();
        var pass = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_time.GetUtcNow() >= nextBounds)
                {
                    EnforceBounds();
                    nextBounds = _time.GetUtcNow() + BoundsPeriod;
                }
                else
                {
                    KeepFreeSpace();
                }

                // Every tenth wake (about every 10 s), or at once after a failed commit.
                if (pass++ % 10 == 0)
                {
                    Tidy();
                }
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "buffer housekeeping failed");
            }

            try
            {
                if (await _urgent.WaitAsync(FreeSpacePeriod, stoppingToken).ConfigureAwait(false))
                {
                    nextBounds = _time.GetUtcNow();
                    pass = 0;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
