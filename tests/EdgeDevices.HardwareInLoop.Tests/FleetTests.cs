using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Observation;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>Many devices in one process, on the real clock, against one broker.</summary>
[Trait("Category", "Integration")]
public sealed class FleetTests
{
    [Fact]
    public async Task A_thousand_mixed_devices_in_one_process_all_deliver_their_first_reading()
    {
        using var broker = MosquittoBroker.Start();
        var world = new EmulationWorld(new HostClock());
        var builder = new FleetBuilder(world).WithNetwork(broker.Address);
        var devices = new List<EmulatedDevice>();
        devices.AddRange(builder.Add(DeviceRole.StreetLight, 334, broker.Port));
        devices.AddRange(builder.Add(DeviceRole.AirQuality, 333, broker.Port, s => s with { WarmUpSeconds = 0, SamplesPerCycle = 1, TelemetryIntervalSeconds = 30 }));
        devices.AddRange(builder.Add(DeviceRole.Meter, 333, broker.Port, s => s with { TelemetryIntervalSeconds = 10 }));
        await using var observer = await BrokerObserver.ConnectAsync("127.0.0.1", broker.Port);
        var firstReading = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>();
        observer.Received += m =>
        {
            if (m.Decoded is AirQualityReading or MeterReading or LampStatus)
            {
                firstReading.TryAdd(m.DeviceId, m.ReceivedUtc);
            }
        };

        try
        {
            // Power comes on along the street: a device every 5 ms.
            for (var i = 0; i < devices.Count; i++)
            {
                world.Scheduler.After(i * 5L, devices[i].PowerOn);
            }

            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (firstReading.Count < devices.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            var missing = devices.Select(d => d.DeviceId).Where(id => !firstReading.ContainsKey(id)).Take(10).ToList();
            Assert.True(missing.Count == 0, $"{devices.Count - firstReading.Count} devices without a reading, e.g. {string.Join(", ", missing)}");
            Assert.Empty(devices.SelectMany(d => d.Board.Crashes).Select(c => c.ToString()));
        }
        finally
        {
            foreach (var device in devices)
            {
                device.CutPower();
            }
        }
    }
}
