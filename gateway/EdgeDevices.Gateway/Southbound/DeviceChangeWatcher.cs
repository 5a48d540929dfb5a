using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Makes a change to a device's registration take effect on the running gateway at once, whoever made it: a
/// removed device's MQTT session is closed and its broker session (queued commands) dropped; a device given
/// another password is disconnected, so it must come back with the new one. Changes made in this process
/// (REST API) arrive as events; changes made by the command line beside the service are read from the change
/// log every <see cref="PollInterval"/>. The LoRaWAN map and the list of household meters are re-read too, so
/// a device added from the shell is known without a restart.
/// </summary>
public sealed class DeviceChangeWatcher(
    BufferDatabase database,
    DeviceRegistry registry,
    LoRaWanDevices loRaWan,
    Privacy.Pseudonyms pseudonyms,
    IEnumerable<EmbeddedBrokerService> brokers,
    TimeProvider time,
    ILogger<DeviceChangeWatcher> log) : BackgroundService
{
    /// <summary>How often the change log is read for changes made by other processes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private long _seen;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _seen = DeviceChanges.Last(database);
        registry.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changes = DeviceChanges.Since(database, _seen);
                if (changes.Count > 0)
                {
                    _seen = changes[^1].Seq;
                    loRaWan.Invalidate();
                    pseudonyms.LoadMeters(database);
                    foreach (var (_, deviceId, change) in changes)
                    {
                        await ApplyAsync(deviceId, change).ConfigureAwait(false);
                    }
                }

                await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "reading the device change log failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    // In this process: at once (the poll will see it again, harmlessly).
    private void OnChanged(string deviceId, string change) => _ = ApplyAsync(deviceId, change);

    private async Task ApplyAsync(string deviceId, string change)
    {
        if (change == DeviceChanges.Added)
        {
            return;
        }

        foreach (var broker in brokers)
        {
            try
            {
                if (await broker.CloseSessionAsync(deviceId, forget: change == DeviceChanges.Removed).ConfigureAwait(false))
                {
                    log.LogWarning("closed the session of {Device}: its registration was {Change}", pseudonyms.Public(deviceId), change);
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "could not close the session of {Device}", pseudonyms.Public(deviceId));
            }
        }
    }
}
