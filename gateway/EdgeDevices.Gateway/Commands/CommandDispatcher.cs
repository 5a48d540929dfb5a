using EdgeDevices.Firmware.Messages;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Operations;

namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// Sends queued commands and resends unanswered ones with exponential backoff and jitter (10 s doubling to
/// 10 min) until the device answers (<see cref="CommandAnswers"/>) or the command expires, which becomes
/// an alarm and an event to the platform. Backoff is measured on the gateway's clock, so a test on a virtual clock sees it too.
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
    private readonly SemaphoreSlim _wake = new(0);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Queued += Wake;
        var random = new Random();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                    foreach (var expired in queue.ExpireDue(now))
                    {
                        metrics.Commands.WithLabels("expired").Inc();
                        alarms.Raise(expired.DeviceId, "commandExpired", "warning", now, Evidence(expired));
                        events.Forward(expired.DeviceId, EventCode.CommandExpired, true, EventSeverity.Warning, expired.CommandId, time.GetUtcNow(), GatewayEvents.CommandCounter(expired.DeviceId));
                    }

                    foreach (var (id, deviceId, attempts, payload) in queue.Due(now, 200))
                    {
                        var sent = await transport.SendAsync(deviceId, Encoding.UTF8.GetBytes(payload), stoppingToken).ConfigureAwait(false);
                        var backoff = Math.Min(FirstRetry.TotalMilliseconds * Math.Pow(2, attempts), MaxRetry.TotalMilliseconds);
                        var jitter = 0.8 + (random.NextDouble() * 0.4);
                        queue.Attempted(id, now + (long)(backoff * jitter));
                        if (sent)
                        {
                            metrics.Commands.WithLabels("sent").Inc();
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "command dispatch failed");
                }

                // Real-time pacing: the due times themselves are on the gateway's clock.
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken).ConfigureAwait(false);
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

    internal static JsonObject Evidence(CommandRecord record) => new()
    {
        ["commandId"] = record.CommandId,
        ["kind"] = record.Kind,
        ["purpose"] = record.Purpose,
        ["result"] = record.Result,
        ["attempts"] = record.Attempts,
    };

    private void Wake() => _wake.Release();
}
