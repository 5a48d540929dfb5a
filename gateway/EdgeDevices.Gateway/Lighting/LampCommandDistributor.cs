using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Operations;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// What keeps a lamp document in step with the lighting model (its schedule, its lamp parameters): a pass over
/// every lamp at once when the model or a key changes, and every 30 s of the gateway's clock otherwise (to re-queue what expired
/// unanswered); the lamp's answer to a command of <see cref="CommandPurpose"/> is recorded by the subclass.
/// </summary>
public abstract class LampCommandDistributor(LightingStore store, CommandAnswers answers, DeviceKeys keys, TimeProvider time, ILogger log) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private readonly LoopWake _wake = new(time);
    private int _passedVersion;

    /// <summary>The lighting model.</summary>
    protected LightingStore Store => store;

    /// <summary>The lamps' command keys (a lamp without one gets nothing).</summary>
    protected DeviceKeys Keys => keys;

    /// <summary>The lighting model's version the last finished pass started from: every lamp has been compared with a model at least that new.</summary>
    internal int PassedVersion => Volatile.Read(ref _passedVersion);

    /// <summary>The purpose its commands are queued under.</summary>
    protected abstract string CommandPurpose { get; }

    /// <summary>Compares every lamp with the model and queues what changed; returns how many lamps got a new document.</summary>
    public abstract int Distribute();

    /// <summary>The lamp acknowledged its command.</summary>
    protected abstract void Acknowledged(string deviceId);

    /// <summary>The lamp refused its command, or it expired unanswered.</summary>
    protected abstract void NotTaken(CommandRecord record);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.Changed += Wake;
        keys.Changed += Wake;
        answers.Answered += OnAnswered;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var version = store.Version;
                    Distribute();
                    Volatile.Write(ref _passedVersion, version);
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "{Purpose} distribution failed", CommandPurpose);
                }

                // A change wakes it at once; otherwise a periodic pass re-queues what expired unanswered.
                await _wake.WaitAsync(Period, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.Changed -= Wake;
            keys.Changed -= Wake;
            answers.Answered -= OnAnswered;
        }
    }

    private void OnAnswered(CommandRecord record)
    {
        if (record.Purpose != CommandPurpose)
        {
            return;
        }

        if (record.Status == CommandStatus.Acknowledged)
        {
            Acknowledged(record.DeviceId);
        }
        else
        {
            NotTaken(record);
        }
    }

    private void Wake() => _wake.Signal();
}
