using System.Globalization;
using System.Text;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.AirQuality;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdgeDevices.Gateway.Tests.AirQuality;

/// <summary>Per-node assessments, data-quality flags and alerts with hysteresis and a minimum duration.</summary>
[Trait("Category", "Integration")]
public sealed class MonitorTests
{
    [Fact]
    public async Task A_node_gets_a_nowcast_aqi_and_humid_stuck_and_implausible_readings_are_flagged()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["airQuality:humidityCorrectedNodes:0"] = "aq-1001" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var steady = await gateway.DeviceAsync("aq-1000");
        await using var humid = await gateway.DeviceAsync("aq-1001");
        await using var stuck = await gateway.DeviceAsync("aq-1003");
        var now = clock.GetUtcNow();
        var sequence = 0;
        for (var minutes = 12 * 60; minutes >= 0; minutes -= 30)
        {
            var at = now.AddMinutes(-minutes);
            // 39 and 41 in turn: every hour's mean is 40.
            await steady.PublishAsync(At(Readings.AirQuality(sequence, pm25: sequence % 2 == 0 ? 39 : 41), at));
            await stuck.PublishAsync(At(Readings.AirQuality(sequence, pm25: 40), at));
            var wet = At(Readings.AirQuality(sequence, pm25: 30), at);
            wet.HumidityCentiPercent = 8500;
            await humid.PublishAsync(wet);
            sequence++;
        }

        var monitor = gateway.Services.GetRequiredService<AirQualityMonitor>();
        var a = monitor.Assess("aq-1000", now);
        // 40 µg/m³ for 12 hours: NowCast 40.0, AQI (150 − 101) / (55.4 − 35.5) · (40.0 − 35.5) + 101 = 112.
        Assert.Equal(40.0, a.Pm25NowCast);
        Assert.Equal(112, a.Aqi);
        Assert.Equal("pm25", a.Dominant);
        Assert.Equal("unhealthyForSensitiveGroups", a.Category);
        // The EEA's 2024 revision by default, on the last hour: 40 µg/m³ of PM2.5 is moderate (15–50).
        Assert.Equal("moderate", a.EuropeanBand);
        Assert.Contains("2024 revision", a.EuropeanEdition, StringComparison.Ordinal);
        // Kazakhstan: 40 / 160 = 0.25 of the ПДК м.р., never above it: low.
        Assert.Equal(0.26, a.Kazakhstan!.Si); // the 20-minute singles alternate 39 and 41: 41 / 160
        Assert.Equal(0, a.Kazakhstan.Np);
        Assert.Equal("low", a.Kazakhstan.Level);
        Assert.False(a.BeyondTheAqi);
        Assert.Empty(a.Flags);

        // The very same value for 12 hours: a stuck sensor, flagged and given no index.
        var s = monitor.Assess("aq-1003", now);
        Assert.Contains("stuck", s.Flags);
        Assert.Null(s.Aqi);

        var b = monitor.Assess("aq-1001", now);
        Assert.True(b.HumidityCorrected);
        Assert.Contains("humidityHigh", b.Flags);

        // An implausible reading is flagged, not believed.
        await steady.PublishAsync(At(Readings.AirQuality(sequence, pm25: 1500), now));
        Assert.Contains("outOfRange", monitor.Assess("aq-1000", now).Flags);
    }

    [Fact]
    public async Task A_pm25_only_sensor_is_stored_and_assessed_on_what_it_measures()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var node = await gateway.DeviceAsync("aq-1005");
        var now = clock.GetUtcNow();
        var sequence = 0;
        for (var minutes = 12 * 60; minutes >= 0; minutes -= 30)
        {
            // As the wire format allows: a field is present only when measured. No pm1, no pm10, no climate.
            // 40 and 42 in turn (one value for 12 hours would be a stuck sensor): every hour's mean is 41.
            var ts = now.AddMinutes(-minutes).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var json = "{\"v\":1,\"type\":\"airQuality\",\"boot\":1,\"seq\":" + sequence++ + ",\"ts\":" + ts + ",\"pm25\":" + (sequence % 2 == 0 ? 42 : 40) + "}";
            var ack = await node.PublishRawAsync(MqttTopics.Telemetry, Encoding.UTF8.GetBytes(json));
            Assert.True(ack.IsSuccess);
        }

        Assert.Empty(gateway.Store.Quarantined(10));
        Assert.Equal(sequence, gateway.Store.Read(Lane.Bulk, 0, 100).Count);
        var a = gateway.Services.GetRequiredService<AirQualityMonitor>().Assess("aq-1005", now);
        Assert.Equal(41.0, a.Pm25NowCast);
        Assert.Null(a.Pm10NowCast);

        // 41 µg/m³ of PM2.5: (150 − 101) / (55.4 − 35.5) · (41.0 − 35.5) + 101 = 114.5 → 115 (EPA-454/B-24-002, Table 6).
        Assert.Equal(115, a.Aqi);
        Assert.Equal("pm25", a.Dominant);
        Assert.Equal("moderate", a.EuropeanBand);
        Assert.Equal(0.26, a.Kazakhstan!.Si); // 42 / 160
        Assert.Empty(a.Flags);
    }

    [Fact]
    public async Task The_humidity_correction_applies_to_a_pms5003s_atmospheric_pm_and_never_to_an_sds011()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["airQuality:humidityCorrectedNodes:0"] = "aq-1006", ["airQuality:humidityCorrectedNodes:1"] = "aq-1007" },
            configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var pms = await gateway.DeviceAsync("aq-1006");
        await using var sds = await gateway.DeviceAsync("aq-1007");
        var now = clock.GetUtcNow();
        var sequence = 0;
        for (var minutes = 12 * 60; minutes >= 0; minutes -= 30)
        {
            // 99 and 101 in turn at 50 % RH: a smoky day, every hour's mean 100 µg/m³ of CF=ATM PM2.5.
            var reading = At(Readings.AirQuality(sequence, pm25: sequence % 2 == 0 ? 101 : 99), now.AddMinutes(-minutes));
            reading.HumidityCentiPercent = 5000;
            await pms.PublishAsync(reading);
            reading.Fields &= ~AirQualityFields.Pm1;
            await sds.PublishAsync(reading);
            sequence++;
        }

        var monitor = gateway.Services.GetRequiredService<AirQualityMonitor>();
        var corrected = monitor.Assess("aq-1006", now);
        Assert.True(corrected.HumidityCorrected);
        Assert.Equal(80.04, corrected.Pm25NowCast!.Value, 1); // EPA Fire and Smoke Map: 0.786 · 100 − 0.0862 · 50 + 5.75
        var raw = monitor.Assess("aq-1007", now);
        Assert.False(raw.HumidityCorrected);
        Assert.Equal(100.0, raw.Pm25NowCast);
    }

    [Fact]
    public async Task The_earlier_european_bands_stay_selectable_and_average_particles_over_a_day()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["airQuality:europeanIndexEdition"] = "pre-2024" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var node = await gateway.DeviceAsync("aq-1004");
        var now = clock.GetUtcNow();
        var sequence = 0;
        for (var minutes = 24 * 60; minutes >= 0; minutes -= 30)
        {
            // A smoggy evening: 200 µg/m³ in the last hour, 40 before.
            await node.PublishAsync(At(Readings.AirQuality(sequence++, pm25: minutes < 60 ? 200 : 40), now.AddMinutes(-minutes)));
        }

        var monitor = gateway.Services.GetRequiredService<AirQualityMonitor>();
        var a = monitor.Assess("aq-1004", now);
        Assert.Contains("pre-2024", a.EuropeanEdition, StringComparison.Ordinal);
        // The 24-hour running mean of hourly means ((23 · 40 + 200) / 24 = 46.7) is poor (25–50) under the earlier bands.
        Assert.Equal("poor", a.EuropeanBand);
        // Kazakhstan: the evening's singles at 200 / 160 = 1.25 of the ПДК м.р., 2 of 72 singles above it.
        Assert.Equal(1.25, a.Kazakhstan!.Si);
        Assert.Equal("elevated", a.Kazakhstan.Level);

        // With less than 18 hours of data the earlier edition gives no band rather than a guess.
        var short12 = monitor.Assess("aq-1004", now.AddHours(-13));
        Assert.Null(short12.EuropeanBand);
    }

    [Fact]
    public async Task An_alert_starts_after_the_minimum_duration_ends_only_below_the_clear_level_and_goes_out_urgently()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["airQuality:alertMinutes"] = "60" }, configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var node = await gateway.DeviceAsync("aq-1002");
        var alarms = gateway.Services.GetRequiredService<AlarmBook>();
        bool Open() => alarms.List(openOnly: true, "aq-1002").Any(a => a.Code == "airQualityAlert");
        var start = clock.GetUtcNow().AddHours(-10);
        var sequence = 0;
        async Task Hour(int hour, int pm25)
        {
            // Readings every 10 minutes through the hour, varied a little so the sensor is not "stuck".
            for (var m = 10; m <= 60; m += 10)
            {
                await node.PublishAsync(At(Readings.AirQuality(sequence++, pm25 + (m % 20 == 0 ? 1 : 0)), start.AddHours(hour).AddMinutes(m)));
            }
        }

        await Hour(0, 20);
        await Hour(1, 200); // NowCast jumps at once into "very unhealthy"
        Assert.False(Open(), "not yet an hour above the alert level");
        await Hour(2, 200);
        Assert.True(Open());
        var urgent = gateway.Store.Read(Lane.Urgent, 0, 10);
        var forwarded = Assert.Single(urgent);
        Assert.Equal(("aq-1002", 0), (forwarded.DeviceId, forwarded.BootId));
        Assert.Contains("airQualityAlert", forwarded.Payload, StringComparison.Ordinal);

        // Back down to moderate values: the NowCast falls fast, but the alert holds while the AQI is above 101.
        await Hour(3, 50);
        Assert.True(Open(), "AQI still above the clear level");
        await Hour(4, 10);
        await Hour(5, 10);
        await Hour(6, 10);
        Assert.False(Open());
        Assert.Equal(2, gateway.Store.Count(Lane.Urgent));
    }

    private static AirQualityReading At(AirQualityReading reading, DateTimeOffset at)
    {
        reading.Timestamp = (uint)at.ToUnixTimeSeconds();
        return reading;
    }
}
