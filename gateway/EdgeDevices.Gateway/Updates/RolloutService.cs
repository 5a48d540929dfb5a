using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Updates;

/// <summary>
/// Rolls a stored, signed bundle out to devices in waves. Wave 0 is the canary share; each later wave starts
/// when every device of the one before has finished (healthy, already current, or failed — a device that
/// does not finish within <c>updates.waveTimeoutMinutes</c> counts as failed). The rollout stops as soon as
/// the failed devices pass the threshold share of those tried, and devices not yet sent are left alone.
/// Each device's part follows its <see cref="UpdateStatus"/> reports (downloading, staged, trial, healthy,
/// rolled back, refused with a reason) and the fate of its update command (an expired one means it never
/// answered). LoRaWAN devices are skipped: their link cannot carry a download.
/// </summary>
public sealed class RolloutService(
    RolloutStore store,
    BundleStore bundles,
    CommandQueue queue,
    LightingStore lighting,
    DeviceRegistry registry,
    LoRaWanDevices loRaWan,
    LatestReadings latest,
    DeviceSites sites,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<RolloutService> log) : BackgroundService, IIngestObserver
{
    /// <summary>The purpose of update commands in the command queue (a newer one supersedes an unanswered older one).</summary>
    public const string Purpose = "update";

    private readonly object _sync = new();

    /// <summary>Starts a rollout; throws <see cref="RolloutException"/> naming the field at fault.</summary>
    public Rollout Start(RolloutRequest request)
    {
        var app = request.App ?? throw new RolloutException("app", "the app to update: streetlight, airquality or meter");
        var version = request.Version ?? throw new RolloutException("version", "the bundle version to roll out, major.minor.patch");
        if (request.CanaryPercent is < 1 or > 100)
        {
            throw new RolloutException("canaryPercent", "the canary share, 1–100 % of the devices");
        }

        if (request.WaveSize is < 1 or > 10_000)
        {
            throw new RolloutException("waveSize", "devices per wave after the canary, 1–10000");
        }

        if (request.FailureThresholdPercent is < 0 or > 100)
        {
            throw new RolloutException("failureThresholdPercent", "the share of failed devices that stops the rollout, 0–100 %");
        }

        lock (_sync)
        {
            if (store.Running().FirstOrDefault(r => r.App == app) is { } running)
            {
                throw new RolloutException("app", $"rollout {running.Id} of {app} {running.Version} is still running: stop it first", conflict: true);
            }

            var targets = Targets(request, app);
            var manifest = bundles.Manifest(app, version)
                ?? throw new RolloutException("version", $"no bundle {app} {version} is stored: upload it first (edgectl bundle upload)");

            // No downgrade below what has been released (a rollout that completed or runs; a stopped one released nothing
            // for sure), unless forced: an old bundle may carry the flaw the newer one fixed.
            var released = store.List(10_000).Where(r => r.App == app && r.State != Rollout.Stopped)
                .Select(r => BundleManifest.FromLine(r.Manifest)).Where(m => m != null)
                .OrderByDescending(m => (m!.Major, m.Minor, m.Patch)).FirstOrDefault();
            if (released != null && released.IsNewerThan(manifest.Major, manifest.Minor, manifest.Patch))
            {
                if (!request.Force)
                {
                    throw new RolloutException("version", $"{app} {released.VersionText} has been released: {version} is older and would be a downgrade (force it only to undo a bad release: --force)");
                }

                log.LogWarning("rollout of {App} {Version} forced below the released {Released}", app, version, released.VersionText);
            }

            // The canary comes first: a share of the devices, at least one. The rest go in waves of WaveSize.
            var eligible = targets.Where(t => loRaWan.DevEuiOf(t) == null).ToList();
            var canary = Math.Max(1, (int)Math.Ceiling(eligible.Count * request.CanaryPercent / 100.0));
            var rows = new List<(string, int, string, string?)>();
            for (var i = 0; i < eligible.Count; i++)
            {
                rows.Add((eligible[i], i < canary ? 0 : 1 + ((i - canary) / request.WaveSize), RolloutDevice.Pending, null));
            }

            rows.AddRange(targets.Except(eligible).Select(t => (t, 0, RolloutDevice.Skipped, (string?)"a LoRaWAN device: its link cannot carry a download")));
            var rollout = store.Create(app, version, manifest.ToLine(), request.CanaryPercent, request.WaveSize, request.FailureThresholdPercent, rows, Now());
            log.LogInformation("rollout {Id}: {App} {Version} to {Count} device(s), canary {Canary}", rollout.Id, app, version, eligible.Count, Math.Min(canary, eligible.Count));
            Advance(rollout);
            return store.Get(rollout.Id)!;
        }
    }

    /// <summary>Stops a running rollout (no further wave is sent); false when there is none with that id running.</summary>
    public bool Stop(long id, string reason)
    {
        lock (_sync)
        {
            var rollout = store.Get(id);
            if (rollout?.State != Rollout.Running)
            {
                return false;
            }

            store.Finish(id, Rollout.Stopped, reason, Now());
            log.LogWarning("rollout {Id} stopped: {Reason}", id, reason);
            return true;
        }
    }

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        if (message is not UpdateStatus status)
        {
            return;
        }

        lock (_sync)
        {
            if (store.Underway(deviceId) is not { } underway)
            {
                return;
            }

            var (rollout, device) = underway;
            var version = $"{status.Major}.{status.Minor}.{status.Patch}";
            if (version != rollout.Version && status.Reason != UpdateVerdict.Malformed)
            {
                // About another bundle (an earlier rollout's roll-back, say): not this rollout's news.
                return;
            }

            var (next, reason) = status.Phase switch
            {
                UpdatePhase.Downloading => (RolloutDevice.Downloading, null),
                UpdatePhase.Staged => (RolloutDevice.Staged, null),
                UpdatePhase.Trial => (RolloutDevice.Trial, null),
                UpdatePhase.Healthy => (RolloutDevice.Healthy, null),
                UpdatePhase.RolledBack => (RolloutDevice.Failed, "rolled back: " + WireNames.Of(status.Reason)),
                _ when status.Reason == UpdateVerdict.NotNewer => (RolloutDevice.Current, "runs this version or a newer one already"),
                _ => (RolloutDevice.Failed, "refused: " + WireNames.Of(status.Reason)),
            };
            store.SetDevice(rollout.Id, deviceId, next, reason, receivedAtMs);
            if (next == RolloutDevice.Failed)
            {
                log.LogWarning("rollout {Id}: {Device} failed ({Reason})", rollout.Id, deviceId, reason);
            }

            Advance(store.Get(rollout.Id)!);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    lock (_sync)
                    {
                        foreach (var rollout in store.Running())
                        {
                            Advance(rollout);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "rollout step failed");
                }

                // Real-time pacing; the wave timeouts are on the gateway's clock.
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // One step of a running rollout: command outcomes, the threshold, the wave's end, the next wave.
    private void Advance(Rollout rollout)
    {
        if (rollout.State != Rollout.Running)
        {
            return;
        }

        var now = Now();
        var devices = store.Devices(rollout.Id).ToList();
        foreach (var device in devices.Where(d => d.Status == RolloutDevice.Sent && d.CommandRow != null).ToList())
        {
            var command = queue.Get(device.CommandRow!.Value);
            // A command past its expiry has expired, whether or not the dispatcher has marked it yet.
            string? failure = command?.Status switch
            {
                CommandStatus.Expired => "never answered: the update command expired (device offline?)",
                CommandStatus.Pending when command.ExpiresAt <= now => "never answered: the update command expired (device offline?)",
                CommandStatus.Refused when command.Result is "authenticationFailed" or "expired" => "the update command was refused: " + command.Result,
                _ => null,
            };
            if (failure != null)
            {
                store.SetDevice(rollout.Id, device.DeviceId, RolloutDevice.Failed, failure, now);
            }
        }

        var waveTimeout = TimeSpan.FromMinutes(options.Value.Updates.WaveTimeoutMinutes).TotalMilliseconds;
        if (rollout.Wave >= 0 && rollout.WaveStartedAt is { } started && now - started > waveTimeout)
        {
            foreach (var device in store.Devices(rollout.Id).Where(d => d.Wave == rollout.Wave && !d.IsFinal))
            {
                store.SetDevice(rollout.Id, device.DeviceId, RolloutDevice.Failed, $"not healthy within the wave's {options.Value.Updates.WaveTimeoutMinutes} minutes (last: {device.Status})", now);
            }
        }

        devices = [.. store.Devices(rollout.Id)];
        var tried = devices.Count(d => d.Status is not (RolloutDevice.Pending or RolloutDevice.NotSent or RolloutDevice.Skipped));
        var failed = devices.Count(d => d.Status == RolloutDevice.Failed);
        if (failed > 0 && failed * 100 > rollout.FailureThresholdPercent * tried)
        {
            store.Finish(rollout.Id, Rollout.Stopped, $"{failed} of {tried} device(s) failed, more than the threshold of {rollout.FailureThresholdPercent} %", now);
            log.LogWarning("rollout {Id} stopped: {Failed} of {Tried} failed", rollout.Id, failed, tried);
            return;
        }

        var waves = devices.Where(d => d.Status != RolloutDevice.Skipped).Select(d => d.Wave).DefaultIfEmpty(-1).Max();
        if (rollout.Wave >= 0 && devices.Any(d => d.Wave == rollout.Wave && !d.IsFinal))
        {
            return;
        }

        var next = rollout.Wave + 1;
        if (next > waves)
        {
            store.Finish(rollout.Id, Rollout.Completed, null, now);
            log.LogInformation("rollout {Id} completed", rollout.Id);
            return;
        }

        store.StartWave(rollout.Id, next, now);
        var lifetime = TimeSpan.FromHours(options.Value.Updates.CommandLifetimeHours);
        foreach (var device in devices.Where(d => d.Wave == next && d.Status == RolloutDevice.Pending))
        {
            try
            {
                var record = queue.Enqueue(device.DeviceId, new DeviceCommand { Kind = CommandKind.Update, Document = rollout.Manifest }, Purpose, lifetime);
                store.SetDevice(rollout.Id, device.DeviceId, RolloutDevice.Sent, null, now, record.Id);
            }
            catch (InvalidOperationException ex)
            {
                store.SetDevice(rollout.Id, device.DeviceId, RolloutDevice.Failed, ex.Message, now);
            }
        }

        log.LogInformation("rollout {Id}: wave {Wave} sent", rollout.Id, next);
    }

    private List<string> Targets(RolloutRequest request, string app)
    {
        var targets = new List<string>();
        if (request.Devices is { Count: > 0 } listed)
        {
            var known = registry.List().Concat(loRaWan.List().Select(d => d.DeviceId)).ToHashSet(StringComparer.Ordinal);
            var unknown = listed.FirstOrDefault(d => !known.Contains(d));
            if (unknown != null)
            {
                throw new RolloutException("devices", $"no device '{unknown}' is registered");
            }

            targets.AddRange(listed);
        }

        if (request.Group != null)
        {
            if (lighting.Group(request.Group) == null)
            {
                throw new RolloutException("group", $"no lighting group '{request.Group}'");
            }

            targets.AddRange(lighting.LampList().Where(l => l.GroupId == request.Group).Select(l => l.DeviceId));
        }

        if (request.All)
        {
            // Every device registered with this app's role (as edgectl provision records it), or whose readings
            // show it runs this app; one with neither is left out, as nothing says what it runs.
            targets.AddRange(registry.List().Concat(loRaWan.List().Select(d => d.DeviceId)).Where(d => RoleOf(d) == app));
            if (targets.Count == 0)
            {
                throw new RolloutException("all", $"no registered device runs {app}: none has that role recorded or has sent its readings (give the role at provisioning, or name devices)");
            }
        }

        var distinct = targets.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 0 ? distinct : throw new RolloutException("devices", "no device to update: give devices, a group or all");
    }

    private string? RoleOf(string deviceId) =>
        sites.Of(deviceId)?.Role
        ?? (latest.Of(deviceId, MessageType.LampStatus) != null ? AppNames.StreetLight
        : latest.Of(deviceId, MessageType.AirQuality) != null ? AppNames.AirQuality
        : latest.Of(deviceId, MessageType.MeterReading) != null ? AppNames.Meter
        : null);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
