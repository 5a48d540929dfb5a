using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Update;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Firmware;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// Over-the-air application updates end to end on a virtual clock: a signed bundle uploaded to the real
/// gateway, rolled out in waves over its embedded broker, downloaded in chunks by the real firmware into the
/// emulated flash, switched to on reboot by the resident loader, kept once healthy — or rolled back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UpdateTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] ReleaseSeed = SHA256.HashData("edgedevices test release key"u8);
    private static readonly string ReleaseKey = HexText.Of(Ed25519.PublicKey(ReleaseSeed));

    /// <summary>The test release key's public half, as devices are provisioned with it.</summary>
    internal static string ReleaseKeyHex => ReleaseKey;

    [Fact]
    public async Task A_rollout_updates_the_canary_first_then_the_rest_in_waves_and_every_device_runs_the_new_bundle()
    {
        await using var bench = await StartAsync();
        var meters = Enumerable.Range(1, 4).Select(i => AddMeter(bench, $"m-ota-{i}")).ToList();
        meters.ForEach(m => m.PowerOn());
        Assert.True(bench.RunUntil(() => meters.All(m => bench.Gateway.Presence.IsOnline(m.DeviceId)), TimeSpan.FromMinutes(2)), "all online");
        await UploadAsync(bench, EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.5.0", 20_000), "meter", "0.5.0");

        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.5.0", devices = meters.Select(m => m.DeviceId), canaryPercent = 25, waveSize = 2, failureThresholdPercent = 20 });
        var canary = Report(bench, rollout)["devices"]!.AsArray().Single(d => d!["wave"]!.GetValue<int>() == 0)!["deviceId"]!.GetValue<string>();

        // Until the canary is healthy, no device of a later wave has been sent anything.
        var laterWaveTouchedEarly = false;
        Assert.True(
            bench.RunUntil(
                () =>
                {
                    var report = Report(bench, rollout);
                    var devices = report["devices"]!.AsArray();
                    var canaryDone = devices.Any(d => d!["deviceId"]!.GetValue<string>() == canary && d["status"]!.GetValue<string>() == "healthy");
                    laterWaveTouchedEarly |= !canaryDone && devices.Any(d => d!["wave"]!.GetValue<int>() > 0 && d["status"]!.GetValue<string>() != "pending");
                    return report["state"]!.GetValue<string>() != "running";
                },
                TimeSpan.FromHours(3)),
            Report(bench, rollout).ToJsonString() + bench.Describe(canary));

        var final = Report(bench, rollout);
        Assert.Equal("completed", final["state"]!.GetValue<string>());
        Assert.False(laterWaveTouchedEarly, "a later wave started before the canary was healthy");
        Assert.Equal([0, 1, 1, 2], final["devices"]!.AsArray().Select(d => d!["wave"]!.GetValue<int>()).Order());
        Assert.All(final["devices"]!.AsArray(), d => Assert.Equal("healthy", d!["status"]!.GetValue<string>()));
        foreach (var meter in meters)
        {
            // The loader runs the new bundle from its slot; it was switched to by one restart, and is kept.
            Assert.Equal("meter-0.5.0", meter.AppLoader.Running);
            var state = meter.UpdateState;
            Assert.Equal("a", state.RunningSlot);
            Assert.False(state.Trial);
            Assert.Equal("0.5.0", BundleManifest.FromLine(state.RunningManifest)!.VersionText);
            Assert.Equal(1, meter.Board.SoftwareReboots);
            var log = string.Join('\n', meter.Board.LogLines);
            Assert.Contains("downloading meter 0.5.0 (", log, StringComparison.Ordinal);
            Assert.Contains("bundle 0.5.0 downloaded and checked: restarting into it", log, StringComparison.Ordinal);
            Assert.Contains("bundle 0.5.0 healthy: kept", log, StringComparison.Ordinal);
        }

        // The updated app does its job: readings keep coming from every meter.
        var before = meters.ToDictionary(m => m.DeviceId, m => bench.Gateway.Latest.Of(m.DeviceId, MessageType.MeterReading)!.ReceivedAtMs);
        bench.RunTo(bench.Clock.UtcNow.AddMinutes(12));
        Assert.All(meters, m => Assert.True(bench.Gateway.Latest.Of(m.DeviceId, MessageType.MeterReading)!.ReceivedAtMs > before[m.DeviceId], m.DeviceId));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_power_cut_during_the_download_resumes_where_it_stopped_and_the_bundle_is_applied_once_whole()
    {
        await using var bench = await StartAsync();
        var meter = AddMeter(bench, "m-ota-cut");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Gateway.Presence.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(2)));
        const int size = 40_000;
        await UploadAsync(bench, EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.7.0", size), "meter", "0.7.0");

        // A third of the way in, the power goes in the middle of writing a chunk (armed before the download starts).
        meter.Board.Flash.CutPowerDuringFirstWrites("bundle-a", (size / 3) + 700);
        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.7.0", devices = new[] { meter.DeviceId } });
        Assert.True(bench.RunUntil(() => !meter.Board.IsPoweredOn, TimeSpan.FromMinutes(10)), bench.Describe(meter.DeviceId));
        var kept = meter.UpdateState.DownloadBytes;
        Assert.InRange(kept, 1, size - 1);
        Assert.Empty(meter.AppLoader.Started);

        bench.Clock.Run(TimeSpan.FromMinutes(2));
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() != "running", TimeSpan.FromHours(1)), Report(bench, rollout).ToJsonString() + bench.Describe(meter.DeviceId));
        Assert.Equal("completed", Report(bench, rollout)["state"]!.GetValue<string>());
        Assert.Equal(["meter-0.7.0"], meter.AppLoader.Started);
        Assert.Contains(meter.Board.LogLines, l => l.Contains("resuming the download of 0.7.0 at byte " + kept.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // Resumed, not started over: the bundle's bytes were written little more than once.
        Assert.InRange(meter.Board.Flash.Region("bundle-a").BytesWritten, size, size + UpdateAgent.ChunkSize);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_bundle_that_never_reports_healthy_is_rolled_back_and_the_rollout_stops_at_the_threshold()
    {
        await using var bench = await StartAsync();
        var meters = Enumerable.Range(1, 3).Select(i => AddMeter(bench, $"m-ota-bad-{i}")).ToList();
        meters.ForEach(m => m.PowerOn());
        Assert.True(bench.RunUntil(() => meters.All(m => bench.Gateway.Presence.IsOnline(m.DeviceId)), TimeSpan.FromMinutes(2)));

        // A signed, whole bundle whose app hangs before it ever connects.
        await UploadAsync(bench, EmulatedBundle.Build(typeof(FaultyApps.Hangs).FullName!, "hangs-0.6.0", 12_000), "meter", "0.6.0");
        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.6.0", devices = meters.Select(m => m.DeviceId), canaryPercent = 10, waveSize = 5, failureThresholdPercent = 20 });
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() != "running", TimeSpan.FromHours(2)), Report(bench, rollout).ToJsonString());

        var report = Report(bench, rollout);
        Assert.Equal("stopped", report["state"]!.GetValue<string>());
        Assert.Contains("threshold", report["stopReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var devices = report["devices"]!.AsArray();
        var canary = devices.Single(d => d!["wave"]!.GetValue<int>() == 0)!;
        Assert.Equal("failed", canary["status"]!.GetValue<string>());
        Assert.True("rolled back: notHealthy" == canary["reason"]!.GetValue<string>(), canary.ToJsonString() + bench.Describe(canary["deviceId"]!.GetValue<string>()));
        Assert.All(devices.Where(d => d!["wave"]!.GetValue<int>() > 0), d => Assert.Equal("notSent", d!["status"]!.GetValue<string>()));

        // The canary ran the bundle once, was rolled back to the built-in app at the deadline, and will not take 0.6.0 again.
        var failed = meters.Single(m => m.DeviceId == canary["deviceId"]!.GetValue<string>());
        Assert.Equal(["hangs-0.6.0"], failed.AppLoader.Started);
        Assert.Equal(UpdateState.BuiltIn, failed.UpdateState.RunningSlot);
        Assert.Equal("0.6.0", failed.UpdateState.FailedVersion);
        Assert.True(bench.RunUntil(() => bench.Gateway.Presence.IsOnline(failed.DeviceId), TimeSpan.FromMinutes(5)), "back online on the built-in app");
        Assert.All(meters.Where(m => m != failed), m => Assert.Empty(m.AppLoader.Started));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_street_light_group_is_updated_by_its_group_and_the_lamps_light_the_night_on_the_new_bundle()
    {
        await using var bench = await StartAsync();
        string[] ids = ["sl-ota-1", "sl-ota-2"];
        await bench.PutStreetAsync(ids);
        var lights = ids.Select(id => bench.Add<StreetLightDevice>(DeviceRole.StreetLight, id, s => s with { ReleaseKey = ReleaseKey, TelemetryIntervalSeconds = 600 })).ToList();
        lights.ForEach(l => l.PowerOn());
        Assert.True(
            bench.RunUntil(() => bench.Get("/api/lighting/schedules").AsArray().Count(s => s!["ackedVersion"]!.GetValue<int>() > 0) == 2, TimeSpan.FromMinutes(10)),
            "both lamps acknowledged their schedule" + bench.Describe(ids[0]) + bench.Describe(ids[1]));
        await UploadAsync(bench, EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.StreetLight), "streetlight-0.5.0", 16_000), "streetlight", "0.5.0");

        var rollout = await StartRolloutAsync(bench, new { app = "streetlight", version = "0.5.0", group = "avenue", canaryPercent = 50, waveSize = 1 });
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() != "running", TimeSpan.FromHours(1)), Report(bench, rollout).ToJsonString() + bench.Describe(ids[0]));
        Assert.Equal("completed", Report(bench, rollout)["state"]!.GetValue<string>());
        Assert.All(lights, l => Assert.Equal("streetlight-0.5.0", l.AppLoader.Running));

        // 19:00 in Astana: the new bundle follows the schedule the lamp kept on its flash.
        bench.RunTo(new DateTime(2026, 11, 25, 14, 0, 0, DateTimeKind.Utc));
        Assert.All(lights, l => Assert.True(l.Luminaire.LightPercent > 90, $"{l.DeviceId} lit at 19:00: {l.Luminaire.LightPercent} %"));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_kept_bundle_that_rots_on_flash_is_rolled_back_at_the_next_boot_instead_of_restarting_for_ever()
    {
        await using var bench = await StartAsync();
        var meter = AddMeter(bench, "m-ota-rot");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Gateway.Presence.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(2)));
        await UploadAsync(bench, EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.5.5", 8_000), "meter", "0.5.5");
        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.5.5", devices = new[] { meter.DeviceId } });
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() == "completed", TimeSpan.FromMinutes(30)), Report(bench, rollout).ToJsonString());

        // A bit flips in the kept bundle; the next boot finds its SHA-256 wrong and goes back to the built-in app, once.
        meter.Board.Flash.Region("bundle-a").Corrupt(5000, 0x10);
        meter.CutPower();
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => meter.UpdateState.RunningSlot == UpdateState.BuiltIn && bench.Gateway.Presence.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(5)), bench.Describe(meter.DeviceId));
        Assert.Equal("0.5.5", meter.UpdateState.FailedVersion);
        bench.RunTo(bench.Clock.UtcNow.AddMinutes(10));
        Assert.Equal(["meter-0.5.5"], meter.AppLoader.Started);
        Assert.Equal(2, meter.Board.SoftwareReboots);
        Assert.Contains(meter.Board.LogLines, l => l.Contains("no longer has its manifest's SHA-256", StringComparison.Ordinal));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_bundle_whose_app_fails_at_start_is_rolled_back_at_once_as_not_loadable()
    {
        await using var bench = await StartAsync();
        var meter = AddMeter(bench, "m-ota-crash");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Gateway.Presence.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(2)));
        await UploadAsync(bench, EmulatedBundle.Build(typeof(FaultyApps.Crashes).FullName!, "crashes-0.6.0", 8_000), "meter", "0.6.0");
        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.6.0", devices = new[] { meter.DeviceId } });

        // No waiting for the deadline: the loader sees the app end and restarts into the built-in one.
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() != "running", TimeSpan.FromMinutes(10)), Report(bench, rollout).ToJsonString() + bench.Describe(meter.DeviceId));
        Assert.Equal("rolled back: loadFailed", Report(bench, rollout)["devices"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(UpdateState.BuiltIn, meter.UpdateState.RunningSlot);
        Assert.Equal(2, meter.Board.SoftwareReboots);
        Assert.True(bench.RunUntil(() => bench.Gateway.Presence.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Through_an_external_mosquitto_with_the_documented_acl_devices_download_and_run_the_rollout()
    {
        string[] ids = ["m-ext-1", "m-ext-2"];
        var users = ids.ToDictionary(id => id, id => "pw-" + id);
        users["edgedevices-gateway"] = "gateway-secret";
        using var mosquitto = EdgeDevices.Testing.MosquittoBroker.StartSecured(users, DocumentedAcl());
        await using var bench = await GatewayBench.StartAsync(Start, new Dictionary<string, string?>
        {
            ["updates:releaseKey"] = ReleaseKey,
            ["southbound:mode"] = "external",
            ["southbound:external:host"] = "127.0.0.1",
            ["southbound:external:port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture),
            ["southbound:external:username"] = "edgedevices-gateway",
            ["southbound:external:password"] = "gateway-secret",
        });
        var meters = ids.Select(id => AddMeter(bench, id, s => s with { MqttPassword = users[id] }, mosquitto.Port)).ToList();
        meters.ForEach(m => m.PowerOn());
        Assert.True(bench.RunUntil(() => meters.All(m => bench.Gateway.Presence.IsOnline(m.DeviceId)), TimeSpan.FromMinutes(2)), bench.Describe(ids[0]));
        await UploadAsync(bench, EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.9.0", 15_000), "meter", "0.9.0");

        var rollout = await StartRolloutAsync(bench, new { app = "meter", version = "0.9.0", devices = ids, canaryPercent = 50, waveSize = 1 });
        Assert.True(bench.RunUntil(() => Report(bench, rollout)["state"]!.GetValue<string>() != "running", TimeSpan.FromHours(1)), Report(bench, rollout).ToJsonString() + bench.Describe(ids[0]));
        Assert.Equal("completed", Report(bench, rollout)["state"]!.GetValue<string>());
        Assert.All(meters, m => Assert.Equal("meter-0.9.0", m.AppLoader.Running));
        Assert.Empty(bench.Crashes());
    }

    internal static MeterDevice AddMeter(GatewayBench bench, string deviceId, Func<EdgeDevices.Fleet.Provisioning.DeviceSpec, EdgeDevices.Fleet.Provisioning.DeviceSpec>? more = null, int? brokerPort = null) =>
        bench.Add<MeterDevice>(
            DeviceRole.Meter,
            deviceId,
            s =>
            {
                var spec = s with { ReleaseKey = ReleaseKey, TelemetryIntervalSeconds = 300, UpdateProbationSeconds = 180, UpdateDeadlineSeconds = 600 };
                return more == null ? spec : more(spec);
            },
            brokerPort);

    internal static async Task<GatewayBench> StartAsync() =>
        await GatewayBench.StartAsync(Start, new Dictionary<string, string?> { ["updates:releaseKey"] = ReleaseKey });

    // The mosquitto ACL as docs/gateway.md gives it to operators.
    private static string DocumentedAcl()
    {
        var docs = File.ReadAllLines(Path.Combine(EdgeDevices.Testing.RepositoryRoot.Path, "docs", "gateway.md"));
        var start = Array.FindIndex(docs, l => l.StartsWith("# /etc/mosquitto/acl", StringComparison.Ordinal));
        Assert.True(start > 0, "docs/gateway.md has the mosquitto ACL");
        return string.Join('\n', docs.Skip(start + 1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))) + "\n";
    }

    internal static Task UploadAsync(GatewayBench bench, byte[] bundle, string app, string version) =>
        EdgeDevices.Testing.BundleRelease.UploadAsync(bench.Http, bundle, app, version, ReleaseSeed);

    internal static BundleManifest Sign(byte[] bundle, string app, string version, byte[]? seed = null) =>
        EdgeDevices.Testing.BundleRelease.Sign(bundle, app, version, seed ?? ReleaseSeed);

    private static async Task<long> StartRolloutAsync(GatewayBench bench, object request)
    {
        var response = await bench.Http.PostAsJsonAsync("/api/rollouts", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    private static JsonNode Report(GatewayBench bench, long rollout) => bench.Get($"/api/rollouts/{rollout}");
}
