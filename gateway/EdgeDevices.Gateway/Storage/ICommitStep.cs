using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Pipeline;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// A check a payload passes inside the buffer's commit, after the duplicate test and before it is stored, in the
/// commit's own transaction: it may refuse the item (which is then quarantined with the reason) and keep state of
/// its own in the same transaction, so what it saw and what was stored are durable together. The writer runs one
/// commit at a time, so one instance serves them all. The steps run in registration order and the first refusal
/// wins; a step that kept state for an item a later step refuses must not mind (today there is one step). Other folders add theirs (the meter totals' continuity is
/// in <c>Metering/</c>); the buffer knows no message kind's rules.
/// </summary>
public interface ICommitStep
{
    /// <summary>A commit starts on <paramref name="transaction"/>.</summary>
    void Begin(SqliteTransaction transaction);

    /// <summary>Checks a decoded, non-duplicate item; a rejection refuses it.</summary>
    Rejection? Check(IngestItem item, Message message);

    /// <summary>The commit is on disk: what the checks kept may now be believed.</summary>
    void Committed();

    /// <summary>The commit failed and was rolled back.</summary>
    void Abandoned();
}
