using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Metering;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Tests.Metering;

/// <summary>The meter totals' continuity as the buffer's commit step, on a real SQLite buffer.</summary>
public sealed class MeterTotalContinuityTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("edgedevices-continuity-");

    [Fact]
    public void A_total_that_goes_down_is_quarantined_with_both_totals_unless_the_register_rolled_over()
    {
        using var store = Store(new MeterTotalContinuity(Options.Create(new MeteringOptions { RegisterDigits = 6 })));
        Assert.Equal([IngestOutcome.Stored, IngestOutcome.Quarantined], store.Commit([Reading(1, 950_000_000), Reading(2, 900_000_000)]));
        var refused = Assert.Single(store.Quarantined(10));
        Assert.Equal("meter total went down from 950000000 to 900000000 (thousandths)", refused.Reason);
        Assert.Equal("total", refused.Field);

        // From the register's top tenth (≥ 900,000 units) to its bottom tenth: the meter wrapped, not went down.
        Assert.Equal([IngestOutcome.Stored], store.Commit([Reading(3, 5_000)]));
    }

    [Fact]
    public void The_last_total_survives_a_restart_of_the_gateway()
    {
        using (var store = Store(new MeterTotalContinuity(Options.Create(new MeteringOptions()))))
        {
            store.Commit([Reading(1, 500_000)]);
        }

        using var restarted = Store(new MeterTotalContinuity(Options.Create(new MeteringOptions())));
        Assert.Equal([IngestOutcome.Quarantined], restarted.Commit([Reading(2, 400_000)]));
    }

    [Fact]
    public void A_commit_that_fails_leaves_no_total_behind()
    {
        // The second reading's total is checked and kept, then the commit fails: the next one is judged
        // against the last total on disk, not against the one that was never stored.
        var continuity = new MeterTotalContinuity(Options.Create(new MeteringOptions()));
        var failing = new FailOnSequence(3);
        using var store = Store(continuity, failing);
        store.Commit([Reading(1, 100_000)]);
        Assert.Throws<InvalidOperationException>(() => store.Commit([Reading(2, 700_000), Reading(3, 800_000)]));
        Assert.Equal([IngestOutcome.Stored], store.Commit([Reading(4, 200_000)]));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _state.Delete(recursive: true);
    }

    private BufferStore Store(params ICommitStep[] steps) =>
        new(new BufferDatabase(_state.FullName, "normal"), Options.Create(new StorageOptions()), steps);

    private static IngestItem Reading(ushort sequence, long totalMilli)
    {
        var reading = new MeterReading { BootId = 1, Sequence = sequence, Timestamp = 1_780_000_000, Channel = 0, TotalMilli = totalMilli };
        var payload = System.Text.Encoding.UTF8.GetBytes(Firmware.Codec.JsonForm.JsonCodec.Encode(reading));
        return new IngestItem("m-continuity", "edge/m-continuity/data", "data", payload, 1_780_000_000_000) { Message = reading };
    }

    private sealed class FailOnSequence(ushort sequence) : ICommitStep
    {
        public void Begin(SqliteTransaction transaction)
        {
        }

        public Rejection? Check(IngestItem item, Message message) =>
            message.Sequence == sequence ? throw new InvalidOperationException("the disk is gone") : null;

        public void Committed()
        {
        }

        public void Abandoned()
        {
        }
    }
}
