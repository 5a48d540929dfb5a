using System.Text;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Pipeline;

/// <summary>Device → embedded broker → pipeline → buffer.</summary>
[Trait("Category", "Integration")]
public sealed class IngestTests
{
    [Fact]
    public async Task Readings_are_acknowledged_only_once_committed_kept_in_order_and_duplicates_dropped()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var meter = await gateway.DeviceAsync("m-0001");
        for (var i = 0; i < 20; i++)
        {
            var ack = await meter.PublishAsync(Readings.Meter(i, 1000 + (i * 10)));
            Assert.True(ack.IsSuccess);

            // The acknowledgement means committed: the reading is readable at once.
            Assert.Equal(i + 1, gateway.Store.Read(Lane.Bulk, 0, 100).Count);
        }

        Assert.True((await meter.PublishAsync(Readings.Meter(5, 1050))).IsSuccess);
        var stored = gateway.Store.Read(Lane.Bulk, 0, 100);
        Assert.Equal(Enumerable.Range(0, 20), stored.Select(r => r.Sequence));
        Assert.All(stored, r => Assert.Equal("m-0001", r.DeviceId));
        var reading = Assert.IsType<MeterReading>(JsonCodec.Decode(stored[19].Payload));
        Assert.Equal(1190, reading.TotalMilli);
    }

    [Fact]
    public async Task Alarms_wait_in_the_urgent_lane()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var light = await gateway.DeviceAsync("sl-0001");
        await light.PublishAsync(Readings.Lamp(0));
        await light.PublishAsync(Readings.Alarm(1));
        Assert.Single(gateway.Store.Read(Lane.Urgent, 0, 10));
        Assert.Single(gateway.Store.Read(Lane.Bulk, 0, 10));
    }

    public static TheoryData<string, string, byte[], string> Malformed() => new()
    {
        { "not json", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{this is not json"), "MalformedJson" },
        { "truncated json", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"meter\""), "MalformedJson" },
        { "empty", MqttTopics.Telemetry, [], "empty payload" },
        { "truncated compact", MqttTopics.Telemetry, [0x25, 0x00, 0x01], "Truncated" },
        { "unknown compact version", MqttTopics.Telemetry, [0x45, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0], "UnsupportedVersion" },
        { "unknown type", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"spaceship\",\"boot\":1,\"seq\":1,\"ts\":0}"), "UnknownType" },
        { "missing field", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"meter\",\"boot\":1,\"seq\":1,\"ts\":0,\"medium\":\"water\",\"channel\":0}"), "MissingField" },
        { "wrong topic", MqttTopics.Events, JsonCodec.EncodeUtf8(Readings.Meter(1, 10)), "belongs on 'telemetry'" },
        { "a command from a device", MqttTopics.Telemetry, JsonCodec.EncodeUtf8(new DeviceCommand { BootId = 1, Sequence = 1, CommandId = 1, Kind = CommandKind.Reboot }), "does not send commands" },
        { "from the future", MqttTopics.Telemetry, JsonCodec.EncodeUtf8(new MeterReading { BootId = 1, Sequence = 2, Timestamp = Readings.Now + 3600, Medium = MeterMedium.Water, TotalMilli = 1 }), "in the future" },
        { "too old", MqttTopics.Telemetry, JsonCodec.EncodeUtf8(new MeterReading { BootId = 1, Sequence = 3, Timestamp = Readings.Now - (90 * 86400), Medium = MeterMedium.Water, TotalMilli = 1 }), "older than" },
        { "implausible temperature", MqttTopics.Telemetry, JsonCodec.EncodeUtf8(new AirQualityReading { BootId = 1, Sequence = 4, Timestamp = Readings.Now, Fields = AirQualityFields.Temperature, TemperatureCentiCelsius = 9000 }), "temperature outside" },
        { "too big", MqttTopics.Telemetry, Encoding.UTF8.GetBytes("{\"v\":1,\"pad\":\"" + new string('x', 5000) + "\"}"), "TooLong" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_or_invalid_payload_is_quarantined_with_its_reason_and_nothing_stops(string kind, string channel, byte[] payload, string reason)
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var device = await gateway.DeviceAsync("aq-0001");
        var ack = await device.PublishRawAsync(channel, payload);

        // Quarantined payloads are acknowledged: resending them would not make them valid.
        Assert.True(ack.IsSuccess, kind);
        var entry = Assert.Single(gateway.Store.Quarantined(10));
        Assert.Contains(reason, entry.Reason, StringComparison.Ordinal);
        Assert.Equal("aq-0001", entry.DeviceId);
        Assert.Equal(payload.Length, entry.RawLength);
        Assert.True(entry.Raw.Length <= 4096);
        Assert.Empty(gateway.Store.Read(Lane.Bulk, 0, 10));

        Assert.True((await device.PublishAsync(Readings.AirQuality(10))).IsSuccess);
        Assert.Single(gateway.Store.Read(Lane.Bulk, 0, 10));
    }

    [Fact]
    public async Task A_meter_total_that_goes_down_is_quarantined_and_a_compact_total_is_unwrapped()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var meter = await gateway.DeviceAsync("m-0002");
        await meter.PublishAsync(Readings.Meter(0, 300_000_000));
        await meter.PublishAsync(Readings.Meter(1, 299_999_000));
        var quarantined = Assert.Single(gateway.Store.Quarantined(10));
        Assert.Contains("went down", quarantined.Reason, StringComparison.Ordinal);
        Assert.Equal("total", quarantined.Field);

        // The compact form carries the total modulo 2^28; the gateway restores the full value.
        await meter.PublishCompactAsync(Readings.Meter(2, 300_000_500));
        var stored = gateway.Store.Read(Lane.Bulk, 0, 10);
        Assert.Equal(2, stored.Count);
        Assert.Equal(300_000_500, Assert.IsType<MeterReading>(JsonCodec.Decode(stored[1].Payload)).TotalMilli);
    }

    [Fact]
    public async Task A_resend_of_an_older_meter_reading_is_a_duplicate_not_a_decrease()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var meter = await gateway.DeviceAsync("m-0003");
        await meter.PublishAsync(Readings.Meter(0, 100));
        await meter.PublishAsync(Readings.Meter(1, 110));
        await meter.PublishAsync(Readings.Meter(0, 100));
        Assert.Empty(gateway.Store.Quarantined(10));
        Assert.Equal(2, gateway.Store.Read(Lane.Bulk, 0, 10).Count);
    }
}
