using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdgeDevices.Gateway.Tests.Updates;

/// <summary>
/// The gateway's rollout bookkeeping on a fake clock, with test devices answering as the firmware would:
/// who is skipped, what counts as done or failed, when a rollout stops, and what a bad request is told.
/// (The firmware's side of the same path is proved by the hardware-in-loop UpdateTests.)
/// </summary>
[Trait("Category", "Integration")]
public sealed class RolloutTests
{
    private static readonly byte[] Seed = SHA256.HashData("gateway rollout tests"u8);
    private static readonly byte[] Bundle = RandomNumberGenerator.GetBytes(6000);

    [Fact]
    public async Task A_lorawan_device_is_skipped_and_one_that_never_answers_fails_when_its_command_expires_which_stops_the_rollout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(clock);
        using var http = Http(gateway);
        gateway.Registry.Register("m-quiet", "device-password-1");
        Keys(gateway).Set("m-quiet", RandomNumberGenerator.GetBytes(32));
        gateway.Services.GetRequiredService<LoRaWanDevices>().Register("m-lora", "70B3D57ED0051299");
        await UploadAsync(http, "0.5.0");

        var rollout = await StartAsync(http, new { app = "meter", version = "0.5.0", devices = new[] { "m-quiet", "m-lora" } });
        var lora = Device(rollout, "m-lora");
        Assert.Equal("skipped", lora["status"]!.GetValue<string>());
        Assert.Contains("LoRaWAN", lora["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("sent", Device(rollout, "m-quiet")["status"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromHours(2));
        var id = rollout["id"]!.GetValue<long>();
        Eventually.True(() => Report(http, id)["state"]!.GetValue<string>() == "stopped", () => Report(http, id).ToJsonString());
        Assert.Contains("never answered", Device(Report(http, id), "m-quiet")["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_running_the_version_already_is_current_and_one_stuck_downloading_past_the_wave_time_fails()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(clock);
        using var http = Http(gateway);
        await using var current = await gateway.DeviceAsync("m-current");
        await using var stuck = await gateway.DeviceAsync("m-stuck");
        Keys(gateway).Set("m-current", RandomNumberGenerator.GetBytes(32));
        Keys(gateway).Set("m-stuck", RandomNumberGenerator.GetBytes(32));
        await UploadAsync(http, "0.5.0");

        var rollout = await StartAsync(http, new { app = "meter", version = "0.5.0", devices = new[] { "m-current", "m-stuck" }, canaryPercent = 100, failureThresholdPercent = 50 });
        var id = rollout["id"]!.GetValue<long>();
        await current.PublishAsync(Status(clock, 1, UpdatePhase.Refused, UpdateVerdict.NotNewer));
        await stuck.PublishAsync(Status(clock, 1, UpdatePhase.Downloading, UpdateVerdict.Accepted));
        Eventually.True(() => Device(Report(http, id), "m-stuck")["status"]!.GetValue<string>() == "downloading");
        Assert.Equal("current", Device(Report(http, id), "m-current")["status"]!.GetValue<string>());

        // The wave's time passes: the stuck device fails, one of two is not more than 50 %, and that was the last wave.
        clock.Advance(TimeSpan.FromMinutes(31));
        Eventually.True(() => Report(http, id)["state"]!.GetValue<string>() == "completed", () => Report(http, id).ToJsonString());
        Assert.StartsWith("not healthy within the wave's 30 minutes (last: downloading)", Device(Report(http, id), "m-stuck")["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rollout_request_is_refused_naming_the_field_and_a_second_one_of_the_app_waits()
    {
        await using var gateway = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var http = Http(gateway);
        gateway.Registry.Register("m-1", "device-password-1");
        Keys(gateway).Set("m-1", RandomNumberGenerator.GetBytes(32));
        await UploadAsync(http, "0.5.0");

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { version = "0.5.0", devices = new[] { "m-1" } }, "app"),
            (new { app = "meter", devices = new[] { "m-1" } }, "version"),
            (new { app = "meter", version = "0.5.0", devices = new[] { "m-1" }, canaryPercent = 0 }, "canaryPercent"),
            (new { app = "meter", version = "0.5.0", devices = new[] { "m-1" }, waveSize = 0 }, "waveSize"),
            (new { app = "meter", version = "0.5.0", devices = new[] { "m-1" }, failureThresholdPercent = 101 }, "failureThresholdPercent"),
            (new { app = "meter", version = "0.5.0", devices = new[] { "m-nobody" } }, "devices"),
            (new { app = "meter", version = "0.5.0", group = "no-such-group" }, "group"),
            (new { app = "meter", version = "0.6.0", devices = new[] { "m-1" } }, "version"),
        })
        {
            var response = await http.PostAsJsonAsync("/api/rollouts", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
        }

        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/rollouts"))!.AsArray());
        await StartAsync(http, new { app = "meter", version = "0.5.0", devices = new[] { "m-1" } });
        var second = await http.PostAsJsonAsync("/api/rollouts", new { app = "meter", version = "0.5.0", devices = new[] { "m-1" } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task A_version_older_than_one_released_is_refused_unless_forced_and_a_stopped_rollout_released_nothing()
    {
        await using var gateway = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var http = Http(gateway);
        gateway.Registry.Register("m-2", "device-password-1");
        Keys(gateway).Set("m-2", RandomNumberGenerator.GetBytes(32));
        foreach (var version in new[] { "0.5.0", "0.6.0", "0.7.0" })
        {
            await UploadAsync(http, version);
        }

        // 0.7.0 tried and stopped: not released, so 0.6.0 may go.
        var stopped = await StartAsync(http, new { app = "meter", version = "0.7.0", devices = new[] { "m-2" } });
        (await http.PostAsync($"/api/rollouts/{stopped["id"]!.GetValue<long>()}/stop", null)).EnsureSuccessStatusCode();
        var released = await StartAsync(http, new { app = "meter", version = "0.6.0", devices = new[] { "m-2" } });
        // (Completed as the devices' reports would complete it.)
        gateway.Services.GetRequiredService<EdgeDevices.Gateway.Updates.RolloutStore>().Finish(released["id"]!.GetValue<long>(), EdgeDevices.Gateway.Updates.Rollout.Completed, null, 0);

        // 0.6.0 released: 0.5.0 is a downgrade, refused naming the released version, unless forced.
        var downgrade = await http.PostAsJsonAsync("/api/rollouts", new { app = "meter", version = "0.5.0", devices = new[] { "m-2" } });
        Assert.Equal(HttpStatusCode.BadRequest, downgrade.StatusCode);
        var problem = JsonNode.Parse(await downgrade.Content.ReadAsStringAsync())!;
        Assert.Equal("version", problem["field"]!.GetValue<string>());
        Assert.Contains("0.6.0 has been released", problem.ToJsonString(), StringComparison.Ordinal);
        await StartAsync(http, new { app = "meter", version = "0.5.0", devices = new[] { "m-2" }, force = true });
    }

    private static async Task<TestGateway> StartAsync(FakeTimeProvider clock) =>
        await TestGateway.StartAsync(
            new Dictionary<string, string?>
            {
                ["updates:releaseKey"] = HexText.Of(Ed25519.PublicKey(Seed)),
                ["updates:commandLifetimeHours"] = "1",
                ["updates:waveTimeoutMinutes"] = "30",
            },
            configure: s => s.AddSingleton<TimeProvider>(clock));

    private static HttpClient Http(TestGateway gateway) => new() { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };

    private static DeviceKeys Keys(TestGateway gateway) => gateway.Services.GetRequiredService<DeviceKeys>();

    private static Task UploadAsync(HttpClient http, string version) => EdgeDevices.Testing.BundleRelease.UploadAsync(http, Bundle, "meter", version, Seed);

    private static async Task<JsonNode> StartAsync(HttpClient http, object request)
    {
        var response = await http.PostAsJsonAsync("/api/rollouts", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    private static JsonNode Report(HttpClient http, long id) => JsonNode.Parse(http.GetStringAsync($"/api/rollouts/{id}").GetAwaiter().GetResult())!;

    private static JsonNode Device(JsonNode report, string deviceId) => report["devices"]!.AsArray().Single(d => d!["deviceId"]!.GetValue<string>() == deviceId)!;

    private static UpdateStatus Status(FakeTimeProvider clock, ushort sequence, UpdatePhase phase, UpdateVerdict reason) => new()
    {
        BootId = 1,
        Sequence = sequence,
        Timestamp = (uint)clock.GetUtcNow().ToUnixTimeSeconds(),
        Phase = phase,
        Reason = reason,
        Major = 0,
        Minor = 5,
        Patch = 0,
    };
}
