using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The air-quality app on an emulated node: BME280/BME680 over I2C and a PMS5003 or an SDS011 over a UART.</summary>
[Trait("Category", "Integration")]
public sealed class AirQualityNodeTests
{
    private static readonly DateTime Morning = new(2026, 11, 24, 5, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("bme280")]
    [InlineData("bme680")]
    public async Task Publishes_the_climate_its_sensor_is_exposed_to_within_sensor_tolerance(string climate)
    {
        await using var bench = await HilBench.StartAsync(Morning);
        var node = bench.Add<AirQualityDevice>(DeviceRole.AirQuality, "aq-climate-" + climate, s => s with
        {
            Climate = climate,
            TelemetryIntervalSeconds = 60,
            WarmUpSeconds = 10,
            SamplesPerCycle = 5,
        });
        node.SetClimate(21.5, 45, 1013);
        node.Pms5003!.Pm1 = 7;
        node.Pms5003.Pm25 = 12;
        node.Pms5003.Pm10 = 19;
        node.PowerOn();

        Assert.True(bench.RunUntil(() => bench.Received<AirQualityReading>(node.DeviceId).Any(), TimeSpan.FromMinutes(3)), "no reading within 3 minutes");

        var reading = bench.Received<AirQualityReading>(node.DeviceId)[0];
        Assert.True((reading.Fields & AirQualityFields.Temperature) != 0, "temperature missing");
        // Sensor tolerances (datasheets): ±1 °C, ±3 %RH, ±1 hPa.
        Assert.InRange(reading.TemperatureCentiCelsius, 2050, 2250);
        Assert.InRange(reading.HumidityCentiPercent, 4200, 4800);
        Assert.InRange(reading.PressurePascal, 101200, 101400);
        Assert.Equal(7, reading.Pm1);
        Assert.Equal(12, reading.Pm25);
        Assert.Equal(19, reading.Pm10);
        Assert.Equal(AirQualityFlags.None, reading.Flags);
        Assert.True(reading.Timestamp > 0, "the clock was set by SNTP, so readings carry time");
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Corrupted_particle_frames_are_rejected_and_the_reading_still_comes_from_good_frames()
    {
        await using var bench = await HilBench.StartAsync(Morning);
        var node = bench.Add<AirQualityDevice>(DeviceRole.AirQuality, "aq-noisy", s => s with { WarmUpSeconds = 5, SamplesPerCycle = 5 });
        node.Pms5003!.Pm1 = 30;
        node.Pms5003.Pm25 = 41;
        node.Pms5003.Pm10 = 55;
        node.Pms5003.CorruptionRate = 0.4;
        node.PowerOn();

        Assert.True(bench.RunUntil(() => bench.Received<AirQualityReading>(node.DeviceId).Any(), TimeSpan.FromMinutes(3)));

        var reading = bench.Received<AirQualityReading>(node.DeviceId)[0];
        Assert.True(node.Pms5003.FramesCorrupted > 0, "the test must have sent corrupted frames");
        Assert.Equal(41, reading.Pm25);
        Assert.Equal(55, reading.Pm10);
        Assert.Equal(AirQualityFlags.None, reading.Flags & AirQualityFlags.Degraded);
    }

    [Fact]
    public async Task A_climate_sensor_that_stops_answering_raises_a_sensor_fault_and_clears_it_when_back()
    {
        await using var bench = await HilBench.StartAsync(Morning);
        var node = bench.Add<AirQualityDevice>(DeviceRole.AirQuality, "aq-loose", s => s with { Particles = "none", Climate = "bme280", WarmUpSeconds = 0, SamplesPerCycle = 1, TelemetryIntervalSeconds = 30 });
        node.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Received<AirQualityReading>(node.DeviceId).Any(), TimeSpan.FromMinutes(2)));

        // The sensor's connector works loose: it no longer answers on the bus.
        var before = bench.Received<AirQualityReading>(node.DeviceId).Count;
        node.Bme280!.Unplugged = true;
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(node.DeviceId).Any(e => e.Code == EventCode.SensorFault && e.Raised), TimeSpan.FromMinutes(2)));
        node.Bme280.Unplugged = false;
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(node.DeviceId).Any(e => e.Code == EventCode.SensorFault && !e.Raised), TimeSpan.FromMinutes(2)));
        Assert.Contains(bench.Received<AirQualityReading>(node.DeviceId).Skip(before), r => (r.Fields & AirQualityFields.Temperature) == 0);
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task An_sds011_is_slept_over_its_uart_between_cycles_so_its_laser_runs_a_fraction_of_the_time()
    {
        await using var bench = await HilBench.StartAsync(Morning);
        var node = bench.Add<AirQualityDevice>(DeviceRole.AirQuality, "aq-sds011", s => s with
        {
            Particles = "sds011",
            TelemetryIntervalSeconds = 300,
            WarmUpSeconds = 30,
            SamplesPerCycle = 5,
        });
        node.Sds011!.Pm25 = 23.4;
        node.Sds011.Pm10 = 41.6;
        node.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Received<AirQualityReading>(node.DeviceId).Any(), TimeSpan.FromMinutes(10)), "no reading within 10 minutes");
        var laserAtFirstReading = node.Sds011.LaserHours;
        var start = bench.Clock.UptimeMilliseconds;

        Assert.True(bench.RunUntil(() => bench.Received<AirQualityReading>(node.DeviceId).Count >= 13, TimeSpan.FromHours(2)), "fewer than 13 readings in two hours");
        var hours = (bench.Clock.UptimeMilliseconds - start) / 3_600_000.0;
        var laserHours = node.Sds011.LaserHours - laserAtFirstReading;

        // A 300 s cycle needs 30 s of warm-up and about 10 s of samples: the laser runs about an eighth of the
        // time, not all of it, which stretches the datasheet's 8000 laser hours to years.
        Assert.True(node.Sds011.SleepsCommanded >= 12, $"slept {node.Sds011.SleepsCommanded} times");
        Assert.InRange(laserHours / hours, 0.05, 0.25);
        Assert.All(bench.Received<AirQualityReading>(node.DeviceId), r =>
        {
            // An SDS011 measures PM2.5 and PM10, never PM1: the reading says so rather than inventing one.
            Assert.Equal(AirQualityFields.Pm25 | AirQualityFields.Pm10, r.Fields & AirQualityFields.Particulates);
            Assert.Equal(23, r.Pm25);
            Assert.Equal(42, r.Pm10);
        });
        Assert.Empty(bench.Crashes());
    }
}
