using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Api;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>
/// A refused payload reaches the device (a notice on its own rejects topic, with the sequence and the reason)
/// and the operator (GET /api/quarantine: device, time, reason, the bytes in hex), not only a table.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RejectNoticeTests
{
    [Fact]
    public async Task A_rejected_reading_reaches_the_devices_reject_topic_and_the_api()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var device = await gateway.DeviceAsync("aq-0700");
        var notices = await ListenAsync(device);
        var payload = JsonCodec.EncodeUtf8(new AirQualityReading { BootId = 7, Sequence = 4242, Timestamp = Readings.Now, Fields = AirQualityFields.Temperature, TemperatureCentiCelsius = 9000 });

        Assert.True((await device.PublishRawAsync(MqttTopics.Telemetry, payload)).IsSuccess);

        await Eventually.TrueAsync(() => !notices.IsEmpty, "a notice on edge/aq-0700/rejects");
        using var notice = JsonDocument.Parse(notices.Single());
        var root = notice.RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("reject", root.GetProperty("type").GetString());
        Assert.Equal(7, root.GetProperty("boot").GetInt32());
        Assert.Equal(4242, root.GetProperty("seq").GetInt32());
        Assert.Contains("temperature outside", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("temperature", root.GetProperty("field").GetString());

        // The operator's view: the same entry, with what came on the wire.
        using var http = gateway.Http();
        var entry = Assert.Single((await http.GetFromJsonAsync<List<QuarantineView>>("/api/quarantine"))!);
        Assert.Equal(root.GetProperty("quarantineId").GetInt64(), entry.Id);
        Assert.Equal("aq-0700", entry.DeviceId);
        Assert.Equal("edge/aq-0700/telemetry", entry.Topic);
        Assert.Contains("temperature outside", entry.Reason, StringComparison.Ordinal);
        Assert.Equal("temperature", entry.Field);
        Assert.Equal(Convert.ToHexString(payload).ToLowerInvariant(), entry.RawHex);
        Assert.Equal(payload.Length, entry.RawLength);
        Assert.False(entry.Truncated);
        Assert.InRange(entry.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // The firmware's own reader takes the gateway's notice as meant.
        var read = RejectNoticeJson.Decode(notices.Single(), 0, notices.Single().Length);
        Assert.True(read.HasMessage);
        Assert.Equal(4242, read.Sequence);
        Assert.Equal(entry.Id, read.QuarantineId);
    }

    [Fact]
    public async Task A_payload_that_cannot_be_read_gets_a_notice_without_a_sequence_and_a_long_one_is_kept_cut()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["storage:quarantineMaxBytes"] = "64" });
        await using var device = await gateway.DeviceAsync("aq-0701");
        var notices = await ListenAsync(device);
        var garbage = Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"airQuality\",\"boot\":1,\"seq\":9" + new string(' ', 100));

        await device.PublishRawAsync(MqttTopics.Telemetry, garbage);

        await Eventually.TrueAsync(() => !notices.IsEmpty, "a notice on edge/aq-0701/rejects");
        using var notice = JsonDocument.Parse(notices.Single());
        Assert.False(notice.RootElement.TryGetProperty("seq", out _));
        Assert.Contains("MalformedJson", notice.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var http = gateway.Http();
        var entry = Assert.Single((await http.GetFromJsonAsync<List<QuarantineView>>("/api/quarantine?deviceId=aq-0701"))!);
        Assert.True(entry.Truncated);
        Assert.Equal(garbage.Length, entry.RawLength);
        Assert.Equal(Convert.ToHexString(garbage[..64]).ToLowerInvariant(), entry.RawHex);
    }

    [Fact]
    public async Task A_device_in_a_loop_of_bad_payloads_gets_a_bounded_number_of_notices_and_the_operator_pages_through_all()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var device = await gateway.DeviceAsync("aq-0702");
        await using var other = await gateway.DeviceAsync("aq-0703");
        var notices = await ListenAsync(device);
        for (var i = 0; i < 25; i++)
        {
            await device.PublishRawAsync(MqttTopics.Telemetry, Encoding.UTF8.GetBytes("not json " + i));
        }

        await other.PublishRawAsync(MqttTopics.Telemetry, Encoding.UTF8.GetBytes("not json either"));
        using var http = gateway.Http();
        await Eventually.TrueAsync(async () => (await http.GetStringAsync("/metrics")).Contains("edgedevices_reject_notices_total{outcome=\"sent\"} 11", StringComparison.Ordinal), "ten notices to aq-0702 and one to aq-0703 sent");
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("edgedevices_reject_notices_total{outcome=\"suppressed\"} 15", metrics, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => notices.Count == RejectNoticesLimit, "ten notices at aq-0702");

        // A minute later the device hears again.
        clock.Advance(TimeSpan.FromMinutes(1));
        await device.PublishRawAsync(MqttTopics.Telemetry, Encoding.UTF8.GetBytes("still not json"));
        await Eventually.TrueAsync(() => notices.Count == RejectNoticesLimit + 1, "a notice after a minute");

        // Every refused payload is in the quarantine: one device's, a page at a time, newest first.
        var first = (await http.GetFromJsonAsync<List<QuarantineView>>("/api/quarantine?deviceId=aq-0702&limit=20"))!;
        var second = (await http.GetFromJsonAsync<List<QuarantineView>>($"/api/quarantine?deviceId=aq-0702&limit=20&before={first[^1].Id}"))!;
        Assert.Equal(26, first.Count + second.Count);
        Assert.All(first.Concat(second), e => Assert.Equal("aq-0702", e.DeviceId));
        Assert.Equal(first.Concat(second).Select(e => e.Id).OrderDescending(), first.Concat(second).Select(e => e.Id));
    }

    [Fact]
    public async Task A_device_may_listen_to_its_own_notices_only()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var mallory = await gateway.DeviceAsync("aq-0666");
        var subscription = await mallory.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.For("aq-0001", MqttTopics.Rejects), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.For("aq-0666", MqttTopics.Rejects), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.Equal([MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS1], subscription.Items.Select(i => i.ResultCode));

        // Nor may it publish a notice to itself or anyone: notices come from the gateway.
        var forged = await mallory.PublishRawAsync(MqttTopics.Rejects, Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"reject\",\"reason\":\"x\"}"), deviceId: "aq-0001");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
    }

    private const int RejectNoticesLimit = EdgeDevices.Gateway.Southbound.RejectNotices.PerDevicePerMinute;

    private static async Task<ConcurrentQueue<byte[]>> ListenAsync(TestDevice device)
    {
        var notices = new ConcurrentQueue<byte[]>();
        var topic = MqttTopics.For(device.DeviceId, MqttTopics.Rejects);
        device.Client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == topic)
            {
                notices.Enqueue(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        var granted = await device.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(granted.Items).ResultCode);
        return notices;
    }
}
