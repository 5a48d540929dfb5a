using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using Microsoft.Extensions.Configuration;

namespace EdgeDevices.Gateway.Tests.Api;

/// <summary>/api/devices (what edgectl provisions through) and the access token the API asks for beyond loopback.</summary>
[Trait("Category", "Integration")]
public sealed class DevicesApiTests
{
    private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [Fact]
    public async Task Devices_are_registered_listed_with_their_health_and_removed()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };

        var put = await http.PutAsJsonAsync("/api/devices/aq-0200", new { password = "a-long-device-password", commandKey = Key });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var lora = await http.PutAsJsonAsync("/api/devices/aq-0201", new { devEui = "70B3D57ED0001234", role = "airquality", latitude = 43.2389, longitude = 76.8897 });
        Assert.Equal(HttpStatusCode.OK, lora.StatusCode);
        var site = JsonNode.Parse(await http.GetStringAsync("/api/devices/aq-0201"))!;
        Assert.Equal("airquality", site["role"]!.GetValue<string>());
        Assert.Equal(43.2389, site["latitude"]!.GetValue<double>());

        // Registering again (a new password) keeps what was recorded of the site unless it is given anew.
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/devices/aq-0201", new { devEui = "70B3D57ED0001234" })).StatusCode);
        Assert.Equal(76.8897, JsonNode.Parse(await http.GetStringAsync("/api/devices/aq-0201"))!["longitude"]!.GetValue<double>());
        var moved = await http.PutAsJsonAsync("/api/devices/aq-0201/site", new { latitude = 43.25, longitude = 76.9 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(43.25, JsonNode.Parse(await http.GetStringAsync("/api/devices/aq-0201"))!["latitude"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsJsonAsync("/api/devices/aq-0299/site", new { latitude = 43.25, longitude = 76.9 })).StatusCode);

        await using (var device = await TestDevice.ConnectAsync(gateway.BrokerPort, "aq-0200", "a-long-device-password"))
        {
            await device.PublishAsync(new HealthReport { BootId = 1, Sequence = 1, Timestamp = Readings.Now, UptimeSeconds = 42, FreeHeapBytes = 61_000, Rssi = -67, FirmwareMajor = 0, FirmwareMinor = 4, OutboxDepth = 3, ResetReason = ResetReason.PowerOn });
            var view = await WaitForAsync(http, "/api/devices/aq-0200", v => v["health"] != null);
            Assert.True(view["online"]!.GetValue<bool>());
            Assert.True(view["commandKey"]!.GetValue<bool>());
            Assert.Equal("mqtt", view["transport"]!.GetValue<string>());
            Assert.NotNull(view["lastSeenAt"]);
            Assert.Equal(42u, view["health"]!["uptimeSeconds"]!.GetValue<uint>());
            Assert.Equal("0.4.0", view["health"]!["firmware"]!.GetValue<string>());
        }

        var all = JsonNode.Parse(await http.GetStringAsync("/api/devices"))!.AsArray();
        Assert.Equal(["aq-0200", "aq-0201"], all.Select(d => d!["deviceId"]!.GetValue<string>()));
        Assert.Equal("70b3d57ed0001234", all[1]!["devEui"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/devices/aq-0201")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/devices/aq-0201")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/api/devices/aq-0201")).StatusCode);
    }

    [Theory]
    [InlineData("{\"password\":\"a-long-device-password\",\"commandKey\":\"xyz\"}", "commandKey")]
    [InlineData("{\"password\":\"a-long-device-password\",\"devEui\":\"70b3d57ed0001234\"}", "password")]
    [InlineData("{}", "password")]
    [InlineData("{\"password\":\"short\"}", "password")]
    [InlineData("{\"devEui\":\"70b3\"}", "devEui")]
    [InlineData("{\"password\":\"a-long-device-password\",\"role\":\"lamp\"}", "role")]
    [InlineData("{\"password\":\"a-long-device-password\",\"latitude\":51.17}", "longitude")]
    [InlineData("{\"password\":\"a-long-device-password\",\"latitude\":51.17,\"longitude\":181}", "longitude")]
    public async Task A_bad_registration_is_refused_naming_the_field(string body, string field)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        var response = await http.PutAsync("/api/devices/aq-0202", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_an_access_token_the_api_asks_for_it_and_monitoring_stays_open()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["http:accessToken"] = "correct-horse-battery-staple" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        var refused = await http.GetAsync("/api/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("access token", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
        Assert.True((await http.GetAsync("/metrics")).IsSuccessStatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", "wrong-token-wrong-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/devices")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "correct-horse-battery-staple");
        Assert.True((await http.GetAsync("/api/devices")).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", true)]
    [InlineData("http://*:8080", true)]
    [InlineData("http://192.168.1.20:8080", true)]
    [InlineData("http://127.0.0.1:8080;http://[::1]:8080", false)]
    [InlineData("http://localhost:8080", false)]
    public void Listening_beyond_loopback_needs_an_access_token(string urls, bool needed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http:urls"] = urls }).Build();
        EdgeDevices.Gateway.Configuration.ConfigurationReader.Read(configuration, out var errors);
        Assert.Equal(needed, errors.Any(e => e.StartsWith("http.accessToken: required", StringComparison.Ordinal)));
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient http, string path, Func<JsonNode, bool> condition)
    {
        JsonNode? node = null;
        await Eventually.TrueAsync(async () => condition(node = JsonNode.Parse(await http.GetStringAsync(path))!), state: () => node?.ToJsonString() ?? "no answer yet");
        return node!;
    }
}
