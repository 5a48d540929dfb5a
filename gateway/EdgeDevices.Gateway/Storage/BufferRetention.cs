namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// What leaves the buffer, and how its file gives space back: readings every sink has delivered (after the grace
/// in which a device's resend is still recognised), readings and quarantine rows past retention, the oldest
/// telemetry over the quota or the free-space floor (alarms only when no telemetry is left; every drop counted
/// by cause), WAL checkpoints and incremental vacuum. The <see cref="BufferHousekeeper"/> decides when.
/// </summary>
public sealed class BufferRetention(BufferStore store, BufferWriter writer)
{
    /// <summary>
    /// Removes readings every sink in <paramref name="sinks"/> has delivered and that arrived before
    /// <paramref name="arrivedBeforeMs"/> (the grace period in which resends are still recognised); returns how many.
    /// </summary>
    public int RemoveDelivered(IReadOnlyCollection<string> sinks, long arrivedBeforeMs)
    {
        if (sinks.Count == 0)
        {
            return 0;
        }

        var removed = 0;
        foreach (var lane in Lanes.All)
        {
            var upTo = sinks.Min(s => store.Cursor(s, lane));
            if (upTo > 0)
            {
                removed += writer.Execute("DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE lane = $l AND id <= $p AND received_at < $t LIMIT 5000)", ("$l", (int)lane), ("$p", upTo), ("$t", arrivedBeforeMs));
            }
        }

        return removed;
    }

    /// <summary>Drops readings that arrived before <paramref name="cutoffMs"/> (retention), counting them, and old quarantine rows.</summary>
    public int RemoveOlderThan(long cutoffMs)
    {
        var removed = writer.Execute("DELETE FROM readings WHERE received_at < $c", ("$c", cutoffMs));
        writer.Execute("DELETE FROM quarantine WHERE received_at < $c", ("$c", cutoffMs));
        if (removed > 0)
        {
            writer.Write(transaction => writer.AddToCounter(transaction, "dropped_retention", removed));
        }

        return removed;
    }

    /// <summary>
    /// Brings the buffer under <paramref name="quotaBytes"/> (to 90 % of it): the oldest telemetry goes first;
    /// alarms only when no telemetry is left. Returns how many readings were dropped (counted by lane).
    /// </summary>
    public int EnforceQuota(long quotaBytes)
    {
        var dropped = 0;
        while (store.UsedBytes() > quotaBytes * 9 / 10)
        {
            var lane = store.Count(Lane.Bulk) > 0 ? Lane.Bulk : Lane.Urgent;
            var n = DeleteCounted(lane, lane == Lane.Bulk ? "dropped_quota_telemetry" : "dropped_quota_alarms");
            if (n == 0)
            {
                break;
            }

            dropped += n;
        }

        return dropped;
    }

    /// <summary>
    /// Drops the oldest telemetry (bulk lane; never alarms) until the buffer's live pages take at most
    /// <paramref name="targetBytes"/>, counting them; returns how many went.
    /// </summary>
    public int EvictTelemetry(long targetBytes)
    {
        var dropped = 0;
        while (store.UsedBytes() > targetBytes)
        {
            var n = DeleteCounted(Lane.Bulk, "dropped_disk_telemetry");
            if (n == 0)
            {
                break;
            }

            dropped += n;
        }

        return dropped;
    }

    /// <summary>Moves the write-ahead log into the database and truncates it, giving its space back to the file system.</summary>
    public void Checkpoint() => writer.WithoutTransaction(connection => BufferDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);"));

    /// <summary>Rebuilds the file with incremental vacuum (<see cref="BufferDatabase.RebuildWithIncrementalVacuum"/>); commits wait meanwhile.</summary>
    public void RebuildWithIncrementalVacuum() => writer.WithoutTransaction(BufferDatabase.RebuildWithIncrementalVacuum);

    /// <summary>Returns freed pages to the file system.</summary>
    public void ReleaseSpace() => writer.WithoutTransaction(connection => BufferDatabase.Execute(connection, "PRAGMA incremental_vacuum(2000);"));

    // The oldest thousand of a lane go and are counted in one transaction: on a full disk the count must not
    // fail after the delete has committed.
    private int DeleteCounted(Lane lane, string counter)
    {
        var count = 0;
        writer.Write(transaction =>
        {
            using (var delete = writer.Command(transaction, "DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE lane = $l ORDER BY id LIMIT 1000)"))
            {
                BufferWriter.Bind(delete, ("$l", (int)lane));
                count = delete.ExecuteNonQuery();
            }

            if (count > 0)
            {
                writer.AddToCounter(transaction, counter, count);
            }
        });
        return count;
    }
}
