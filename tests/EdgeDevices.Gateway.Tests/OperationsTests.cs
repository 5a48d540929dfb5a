using System.Net;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Tests;

/// <summary>/healthz and /metrics.</summary>
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
}
