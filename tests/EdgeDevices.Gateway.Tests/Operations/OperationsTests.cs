using System.Net;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Gateway.Tests.Operations;

/// <summary>/healthz and /metrics.</summary>
[Trait("Category", "Integration")]
public sealed class OperationsTests
{
    [Fact]
    public async Task Health_and_metrics_show_the_pipeline_the_buffer_and_the_devices()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var node = await gateway.DeviceAsync("aq-0300");
        await node.PublishAsync(Readings.AirQuality(0));
        await node.PublishAsync(Readings.AirQuality(0));
        await node.PublishRawAsync(MqttTopics.Telemetry, "junk"u8.ToArray());

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal("ok", (string)body["status"]!);
        Assert.Equal(1, (int)body["connectedDevices"]!);
        Assert.Equal(1, (int)body["buffer"]!["bulk"]!);

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("edgedevices_ingested_total{type=\"airQuality\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("edgedevices_duplicates_total 1", metrics, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(metrics, "^edgedevices_quarantined_total\\{field=\"[a-z]+\"\\} 1$", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains("edgedevices_connected_devices 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_platform_cannot_be_reached_health_says_degraded_and_why_and_recovers_when_it_can()
    {
        // A platform broker that is not there yet (nothing listens on the port).
        var platformPort = TestGateway.FreePort();
        await using var gateway = await TestGateway.StartAsync(TestGateway.WithMqttSink(platformPort));
        await using var node = await gateway.DeviceAsync("aq-0301");
        await node.PublishAsync(Readings.AirQuality(0));
        using var http = gateway.Http();

        JsonNode body = null!;
        await Eventually.TrueAsync(async () => (string)(body = JsonNode.Parse(await http.GetStringAsync("healthz"))!)["status"]! == "degraded", "status degraded", () => body.ToJsonString());
        Assert.Contains("sink mqtt failing since", (string)body["degraded"]![0]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)body["sinks"]!["mqtt"]!["lag"]!);

        // The platform comes up: the reading goes out and the status is ok again.
        using var platform = MosquittoBroker.Start(platformPort);
        await Eventually.TrueAsync(async () => (string)(body = JsonNode.Parse(await http.GetStringAsync("healthz"))!)["status"]! == "ok", "status ok", () => body.ToJsonString());
        Assert.Empty(body["degraded"]!.AsArray());
        Assert.Equal(0, (int)body["sinks"]!["mqtt"]!["lag"]!);
    }

    [Fact]
    public async Task An_operator_acknowledges_an_alarm_once_and_an_unknown_one_is_named()
    {
        await using var gateway = await TestGateway.StartAsync();
        var alarms = gateway.Services.GetRequiredService<AlarmBook>();
        alarms.Raise("sl-0302", "lampFailure", "alarm", 1_765_000_000_000, new JsonObject { ["value"] = 12 });
        var id = alarms.List(openOnly: true, "sl-0302").Single().Id;
        using var http = gateway.Http();

        var first = JsonNode.Parse(await (await http.PostAsync($"api/alarms/{id}/acknowledge", null)).Content.ReadAsStringAsync())!;
        var again = JsonNode.Parse(await (await http.PostAsync($"api/alarms/{id}/acknowledge", null)).Content.ReadAsStringAsync())!;
        Assert.Equal((long)first["acknowledgedAt"]!, (long)again["acknowledgedAt"]!);
        var listed = JsonNode.Parse(await http.GetStringAsync("api/alarms?device=sl-0302"))!.AsArray().Single()!;
        Assert.Equal((long)first["acknowledgedAt"]!, (long)listed["acknowledgedAt"]!);
        Assert.Null(listed["clearedAt"]);

        var unknown = await http.PostAsync("api/alarms/999999/acknowledge", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no alarm 999999", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
