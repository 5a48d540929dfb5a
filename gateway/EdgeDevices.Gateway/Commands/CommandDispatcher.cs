using EdgeDevices.Firmware.Messages;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Operations;

namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// Sends queued commands and resends unanswered ones with exponential backoff and jitter (10 s doubling to
/// 10 min) until the device answers (<see cref="CommandAnswers"/>) or the command expires, which becomes
/// an alarm and an event to the platform. Backoff and waiting are on the gateway's clock (the injected
/// <see cref="TimeProvider"/>), so a test on a virtual clock sees both.
/// </summary>
public sealed class CommandDispatcher(
    CommandQueue queue,
    ICommandTransport transport,
    AlarmBook alarms,
    GatewayEvents events,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<CommandDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(10);

    // A pass runs when a command is queued, when the next one falls due, and at least this often (on the
    // gateway's clock, like the due times) in case a command was queued by another process.
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMilliseconds(500);
    private readonly LoopWake _wake = new(time);
    private long _lastPassAtMs = long.MinValue;

    /// <summary>The gateway time (Unix ms) the last finished pass looked at the queue with.</summary>
    internal long LastPassAtMs => Interlocked.Read(ref _lastPassAtMs);

    /// <summary>Whether the dispatcher is between passes, waiting for the next one to fall due or a command to be queued.</summary>
    internal bool IsWaiting => _wake.IsWaiting;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Queued += Wake;
        var random = new Random();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                long? nextDueAt = null;
                try
                {
                    foreach (var expired in queue.ExpireDue(now))
                    {
                        metrics.Commands.WithLabels("expired").Inc();
                        alarms.Raise(expired.DeviceId, "commandExpired", "warning", now, Evidence(expired));
                        events.Forward(expired.DeviceId, EventCode.CommandExpired, true, EventSeverity.Warning, expired.CommandId, time.GetUtcNow(), GatewayEvents.CommandCounter(expired.DeviceId));
                    }

                    // A device whose command could not be handed over gets none of its later ones in this pass: the
                    // device refuses a counter below one it has taken, so a later command must not overtake an earlier one.
                    var notReached = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var (id, deviceId, attempts, payload) in queue.Due(now, 200))
                    {
                        if (notReached.TryGetValue(deviceId, out var retryAt))
                        {
                            queue.Deferred(id, retryAt);
                            continue;
                        }

                        var sent = await transport.SendAsync(deviceId, Encoding.UTF8.GetBytes(payload), stoppingToken).ConfigureAwait(false);
                        var backoff = Math.Min(FirstRetry.TotalMilliseconds * Math.Pow(2, attempts), MaxRetry.TotalMilliseconds);
                        var jitter = 0.8 + (random.NextDouble() * 0.4);
                        var nextAttemptAt = now + (long)(backoff * jitter);
                        queue.Attempted(id, nextAttemptAt);
                        if (sent)
                        {
                            metrics.Commands.WithLabels("sent").Inc();
                        }
                        else
                        {
                            notReached[deviceId] = nextAttemptAt;
                        }
                    }

                    nextDueAt = queue.NextDueAt();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "command dispatch failed");
                }

                Interlocked.Exchange(ref _lastPassAtMs, now);

                await WaitForNextPassAsync(nextDueAt, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Queued -= Wake;
        }
    }

    // Until a command is queued or the next due time (or MaxIdle) has passed on the gateway's clock. A failed
    // pass knows no due time: MaxIdle then, so a failing send is not retried in a tight loop.
    private Task WaitForNextPassAsync(long? nextDueAt, CancellationToken stoppingToken)
    {
        var delay = nextDueAt is { } dueAt
            ? TimeSpan.FromMilliseconds(Math.Clamp(dueAt - time.GetUtcNow().ToUnixTimeMilliseconds(), 0, (long)MaxIdle.TotalMilliseconds))
            : MaxIdle;
        return _wake.WaitAsync(delay, stoppingToken);
    }

    internal static JsonObject Evidence(CommandRecord record) => new()
    {
        ["commandId"] = record.CommandId,
        ["kind"] = record.Kind,
        ["purpose"] = record.Purpose,
        ["result"] = record.Result,
        ["attempts"] = record.Attempts,
    };

    private void Wake() => _wake.Signal();
}
