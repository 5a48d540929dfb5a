using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdgeDevices.Gateway.Tests.Storage;

/// <summary>Retention, the disk quota and removal of delivered readings, on a fake clock.</summary>
[Trait("Category", "Integration")]
public sealed class HousekeepingTests
{
    [Fact]
    public async Task Readings_older_than_the_retention_are_dropped_and_counted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["storage:retentionDays"] = "2" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var meter = await gateway.DeviceAsync("m-0200");
        for (var i = 0; i < 10; i++)
        {
            await meter.PublishAsync(Readings.Meter(i, i));
        }

        var housekeeper = gateway.Services.GetRequiredService<BufferHousekeeper>();
        clock.Advance(TimeSpan.FromDays(1));
        housekeeper.EnforceBounds();
        Assert.Equal(10, gateway.Store.Count(Lane.Bulk));

        clock.Advance(TimeSpan.FromDays(1.5));
        housekeeper.EnforceBounds();
        Assert.Equal(0, gateway.Store.Count(Lane.Bulk));
        Assert.Equal(10, gateway.Store.Counter("dropped_retention"));
    }

    [Fact]
    public async Task Over_the_quota_the_oldest_telemetry_goes_first_and_alarms_stay()
    {
        // A clock that stands still keeps the background pass away, so the test sees only its own drops.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["storage:quotaMegabytes"] = "16" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var light = await gateway.DeviceAsync("sl-0200");
        await light.PublishAsync(Readings.Alarm(0));
        // Fill the buffer straight through the store: the policy is under test here, not the ingest rate
        // (one device's publishes are handled one at a time, so filling 17 MB over MQTT would take minutes).
        var sequence = 0;
        while (gateway.Store.UsedBytes() < 17L * 1024 * 1024)
        {
            var batch = new List<IngestItem>();
            for (var i = 0; i < 5000; i++, sequence++)
            {
                // Sequences wrap at 65 535; a new boot id keeps every reading distinct.
                var lamp = Readings.Lamp((sequence % 60_000) + 1, boot: (ushort)(1 + (sequence / 60_000)));
                var topic = MqttTopics.For("sl-0200", MqttTopics.State);
                batch.Add(new IngestItem("sl-0200", topic, MqttTopics.State, JsonCodec.EncodeUtf8(lamp), clock.GetUtcNow().ToUnixTimeMilliseconds()) { Message = lamp });
            }

            gateway.Store.Commit(batch);
        }

        var before = gateway.Store.Count(Lane.Bulk);
        gateway.Services.GetRequiredService<BufferHousekeeper>().EnforceBounds();
        Assert.True(gateway.Store.UsedBytes() <= 16L * 1024 * 1024 * 9 / 10);
        Assert.Equal(1, gateway.Store.Count(Lane.Urgent));
        var kept = gateway.Store.Read(Lane.Bulk, 0, 1);
        Assert.True(kept[0].Id > 1000, "the oldest telemetry went first");
        Assert.Equal(before - gateway.Store.Count(Lane.Bulk), gateway.Store.Counter("dropped_quota_telemetry"));
    }

    [Fact]
    public async Task Readings_a_sink_refused_go_first_when_the_disk_is_short_and_are_bounded_and_counted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["storage:quotaMegabytes"] = "16", ["storage:retentionDays"] = "2" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var meter = await gateway.DeviceAsync("m-0202");
        for (var i = 0; i < 100; i++)
        {
            await meter.PublishAsync(Readings.Meter(i, i));
        }

        // 17 MB of refused readings: the quota is reached by copies already refused, not by undelivered data.
        var rejects = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Northbound.SinkRejects>();
        var filler = new string('x', 4000);
        var id = 1_000_000L;
        while (gateway.Store.UsedBytes() < 17L * 1024 * 1024)
        {
            rejects.Add("ngsi-ld", Enumerable.Range(0, 500).Select(_ => (new StoredReading(id++, "aq-0900", 1, (int)(id % 60_000), MessageType.AirQuality, Lane.Bulk, 0, clock.GetUtcNow().ToUnixTimeMilliseconds(), filler), "no location")));
        }

        var refused = rejects.Count("ngsi-ld");
        var housekeeper = gateway.Services.GetRequiredService<BufferHousekeeper>();
        housekeeper.EnforceBounds();
        Assert.True(gateway.Store.UsedBytes() <= 16L * 1024 * 1024 * 9 / 10);
        Assert.Equal(100, gateway.Store.Count(Lane.Bulk));
        Assert.Equal(0, gateway.Store.Counter("dropped_quota_telemetry"));
        Assert.Equal(refused - rejects.Count("ngsi-ld"), gateway.Store.Counter("dropped_rejects_quota"));

        // Beyond the number kept per sink the oldest go; after the retention days, all of them.
        Assert.Equal(5, rejects.RemoveBeyond((int)rejects.Count("ngsi-ld") - 5));
        clock.Advance(TimeSpan.FromDays(3));
        housekeeper.EnforceBounds();
        Assert.Equal(0, rejects.Count("ngsi-ld"));
        Assert.True(gateway.Store.Counter("dropped_rejects_retention") > 0);
    }

    [Fact]
    public async Task Delivered_readings_leave_the_buffer_after_the_grace_period_only_when_every_sink_has_them()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var meter = await gateway.DeviceAsync("m-0201");
        for (var i = 0; i < 5; i++)
        {
            await meter.PublishAsync(Readings.Meter(i, i));
        }

        var last = gateway.Store.Read(Lane.Bulk, 0, 10)[^1].Id;
        gateway.Store.Advance("a", Lane.Bulk, last);
        var later = clock.GetUtcNow().Add(BufferHousekeeper.DuplicateGrace).AddMinutes(1).ToUnixTimeMilliseconds();
        Assert.Equal(0, gateway.Services.GetRequiredService<BufferRetention>().RemoveDelivered(["a", "b"], later));
        Assert.Equal(0, gateway.Services.GetRequiredService<BufferRetention>().RemoveDelivered(["a"], clock.GetUtcNow().ToUnixTimeMilliseconds()));
        // Within the grace period a resend is still recognised as a duplicate.
        await meter.PublishAsync(Readings.Meter(4, 4));
        Assert.Equal(1, gateway.Services.GetRequiredService<GatewayMetrics>().Duplicates.Value);
        Assert.Equal(5, gateway.Services.GetRequiredService<BufferRetention>().RemoveDelivered(["a"], later));
        Assert.Equal(0, gateway.Store.Count(Lane.Bulk));
    }
}
