using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Firmware;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Bench;

/// <summary>
/// Over-the-air download speed: a signed bundle rolled out by the real gateway (embedded broker, chunk
/// server) to meters running the real firmware on emulated boards, on the real clock. Measured from the
/// rollout's start to every device having the bundle downloaded, checked and staged; the figure is the
/// aggregate rate with many devices at once beside one device alone, in the same run.
/// </summary>
public static class OtaBenchmark
{
    private static readonly byte[] Seed = SHA256.HashData("edgebench release key"u8);

    public static async Task<IReadOnlyList<Figure>> RunAsync(int devices, int bundleBytes)
    {
        var one = await DownloadAsync(1, bundleBytes);
        var many = await DownloadAsync(devices, bundleBytes);
        Console.Error.WriteLine($"ota: 1 device {one.TotalSeconds:0.0} s, {devices} devices {many.TotalSeconds:0.0} s for {bundleBytes / 1024} KiB each");
        return
        [
            new Figure("ota download", $"{devices} devices at once, {bundleBytes / 1024} KiB each (KiB/s, all together)", devices * bundleBytes / 1024.0 / many.TotalSeconds, "KiB/s", "one device alone", bundleBytes / 1024.0 / one.TotalSeconds),
            new Figure("ota download", $"time until all {devices} staged", many.TotalSeconds, "s", "one device alone", one.TotalSeconds),
        ];
    }

    private static async Task<TimeSpan> DownloadAsync(int count, int bundleBytes)
    {
        var clock = new HostClock();
        var releaseKey = HexText.Of(Ed25519.PublicKey(Seed));
        await using var gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(clock), quiet: true, CancellationToken.None, standardPorts: false,
            new Dictionary<string, string?> { ["updates:releaseKey"] = releaseKey });
        using var http = new HttpClient { BaseAddress = new Uri(gateway.HttpUrl) };
        var world = new EmulationWorld(clock);
        var builder = new FleetBuilder(world).WithNetwork(System.Net.IPAddress.Loopback);
        var meters = builder.Add(DeviceRole.Meter, count, gateway.BrokerPort, s => s with { ReleaseKey = releaseKey, TelemetryIntervalSeconds = 600 }).ToList();
        foreach (var meter in meters)
        {
            gateway.Register(meter.DeviceId, meter.Spec.MqttPassword, Convert.FromHexString(meter.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(meter.DeviceId)));
            meter.PowerOn();
        }

        if (!SpinWait.SpinUntil(() => gateway.Presence.Count >= count, TimeSpan.FromSeconds(60 + (count / 5))))
        {
            throw new InvalidOperationException($"only {gateway.Presence.Count} of {count} devices came online");
        }

        var bundle = EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.5.0", bundleBytes);
        await EdgeDevices.Testing.BundleRelease.UploadAsync(http, bundle, "meter", "0.5.0", Seed);

        var watch = Stopwatch.StartNew();
        var started = await http.PostAsJsonAsync("/api/rollouts", new { app = "meter", version = "0.5.0", devices = meters.Select(m => m.DeviceId), canaryPercent = 100 });
        started.EnsureSuccessStatusCode();
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var staged = SpinWait.SpinUntil(
            () => meters.All(m => m.UpdateState.StagedSlot != null || m.UpdateState.RunningSlot != UpdateState.BuiltIn),
            TimeSpan.FromMinutes(10));
        var elapsed = watch.Elapsed;
        foreach (var meter in meters)
        {
            meter.CutPower();
        }

        return staged ? elapsed : throw new InvalidOperationException($"rollout {id}: not every device staged the bundle within 10 minutes");
    }
}
