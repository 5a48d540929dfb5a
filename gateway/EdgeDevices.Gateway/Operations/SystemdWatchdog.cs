using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c> in the unit) with WATCHDOG=1 at half its interval, but
/// only while the ingest pipeline is healthy: a gateway whose buffer stopped taking writes is restarted by
/// systemd instead of silently refusing readings. The hosting package sends READY and STOPPING itself, and
/// no WATCHDOG, which is this service's job.
/// </summary>
public sealed class SystemdWatchdog(ISystemdNotifier notifier, PipelineHealth health, TimeProvider time, ILogger<SystemdWatchdog> log) : BackgroundService
{
    /// <summary>The watchdog interval systemd asks for, or null when it asks for none.</summary>
    public static TimeSpan? Interval
    {
        get
        {
            var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
            return long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? TimeSpan.FromTicks(value * 10) : null;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || Interval is not { } interval)
        {
            return;
        }

        var period = interval / 2;
        var wasHealthy = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var healthy = health.IsHealthy;
            if (healthy)
            {
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
            else if (wasHealthy)
            {
                log.LogError("ingest pipeline stalled ({Problem}): no longer feeding systemd's watchdog", health.Problem ?? "no commit for too long");
            }

            wasHealthy = healthy;
            try
            {
                await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
