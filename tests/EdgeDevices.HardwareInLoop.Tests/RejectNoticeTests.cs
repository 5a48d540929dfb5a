using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The firmware hears the gateway's reject notices: it logs each one for the technician and counts them in its health.</summary>
[Trait("Category", "Integration")]
public sealed class RejectNoticeTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_device_logs_each_notice_the_gateway_writes_and_counts_them_in_its_health_report()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-refused", s => s with { HealthIntervalSeconds = 60 });
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received<MeterReading>(meter.DeviceId).Any(), TimeSpan.FromMinutes(2)), bench.Describe(meter.DeviceId));
        var refused = bench.Received<MeterReading>(meter.DeviceId)[0];

        // What the gateway sends when its pipeline quarantines a reading (its own encoder), and a notice gone bad on the way.
        var item = new IngestItem(meter.DeviceId, MqttTopics.For(meter.DeviceId, MqttTopics.Telemetry), MqttTopics.Telemetry, [], 0)
        {
            Decoded = refused,
            Rejection = new Rejection("meter total went down from 5000 to 10 (thousandths)", "total"),
            QuarantineId = 17,
        };
        await PublishAsync(bench, meter.DeviceId, RejectNotices.Encode(item));
        await PublishAsync(bench, meter.DeviceId, RejectNotices.Encode(new IngestItem(meter.DeviceId, "t", "telemetry", [], 0) { Rejection = new Rejection("MalformedJson: payload is not JSON"), QuarantineId = 18 }));
        await PublishAsync(bench, meter.DeviceId, "{\"v\":1,\"type\":"u8.ToArray());

        var expected = $"gateway rejected message boot {refused.BootId} seq {refused.Sequence} (total): meter total went down from 5000 to 10 (thousandths); quarantine entry 17";
        string[] notices = [expected, "gateway rejected a payload: MalformedJson: payload is not JSON; quarantine entry 18", "gateway rejected a message; its notice is unreadable"];

        // The three notices come on their own connections: the device takes each in its own time.
        Assert.True(
            bench.RunUntil(() => notices.All(n => meter.Board.LogLines.Any(l => l.Contains(n, StringComparison.Ordinal))), TimeSpan.FromMinutes(1)),
            "missing: " + string.Join(" | ", notices.Where(n => !meter.Board.LogLines.Any(l => l.Contains(n, StringComparison.Ordinal)))) + bench.Describe(meter.DeviceId));

        // The next health report carries the count, and the device went on: readings still flow.
        var readings = bench.Received<MeterReading>(meter.DeviceId).Count;
        Assert.True(bench.RunUntil(() => bench.Received<HealthReport>(meter.DeviceId).Any(h => h.GatewayRejects == 3), TimeSpan.FromMinutes(3)), bench.Describe(meter.DeviceId));
        Assert.True(bench.RunUntil(() => bench.Received<MeterReading>(meter.DeviceId).Count > readings, TimeSpan.FromMinutes(3)));
        Assert.Empty(bench.Crashes());
    }

    private static async Task PublishAsync(HilBench bench, string deviceId, byte[] payload)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", bench.Broker.Port).WithClientId("test-gateway").Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(deviceId, MqttTopics.Rejects))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }
}
