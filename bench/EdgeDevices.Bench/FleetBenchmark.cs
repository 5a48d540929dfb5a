using System.Diagnostics;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Bench;

/// <summary>
/// The fleet runner's capacity on this machine: fleets of growing size (a third of each role, the real
/// firmware on emulated boards, the real gateway in the same process, the real clock), each device
/// reporting every 10 s. A size is sustained when, over a 30 s window after boot, at least 95 % of the
/// expected readings are stored and every device is online. The figure is the largest size sustained,
/// beside the README's demonstration fleet (60 devices), with the CPU share it took.
/// </summary>
public static class FleetBenchmark
{
    private const int IntervalSeconds = 10;
    private const int WindowSeconds = 30;

    public static async Task<IReadOnlyList<Figure>> RunAsync(int[] sizes)
    {
        var sustained = 0;
        double cpuAtSustained = 0;
        foreach (var size in sizes)
        {
            var (share, cpu) = await RunFleetAsync(size);
            Console.Error.WriteLine($"fleet of {size}: {share:P1} of expected readings, CPU {cpu:P0}");
            if (share < 0.95)
            {
                break;
            }

            sustained = size;
            cpuAtSustained = cpu;
        }

        return
        [
            new Figure("fleet runner", $"devices sustained (real clock, a reading each per {IntervalSeconds} s; CPU {cpuAtSustained:P0})", sustained, "devices", "README demonstration fleet", 60),
        ];
    }

    private static async Task<(double Share, double Cpu)> RunFleetAsync(int size)
    {
        var clock = new HostClock();
        await using var gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(clock), quiet: true, CancellationToken.None, standardPorts: false);
        var world = new EmulationWorld(clock);
        var builder = new FleetBuilder(world).WithNetwork(System.Net.IPAddress.Loopback);
        var third = size / 3;
        var devices = new List<EmulatedDevice>();
        devices.AddRange(builder.Add(DeviceRole.StreetLight, third, gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = IntervalSeconds, ScheduleJson = TypicalSchedule.Json }));
        devices.AddRange(builder.Add(DeviceRole.AirQuality, third, gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = IntervalSeconds, WarmUpSeconds = 0, SamplesPerCycle = 1 }));
        devices.AddRange(builder.Add(DeviceRole.Meter, size - (2 * third), gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = IntervalSeconds }));
        foreach (var device in devices)
        {
            gateway.Register(device.DeviceId, device.Spec.MqttPassword, Convert.FromHexString(device.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(device.DeviceId)));
            if (device is MeterDevice meter)
            {
                meter.S0[0].SetRate(600);
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            world.Scheduler.After(i * 20L, devices[i].PowerOn);
        }

        // Boot and settle, then measure a window.
        var booted = SpinWait.SpinUntil(() => gateway.Presence.Count >= size, TimeSpan.FromSeconds(60 + (size / 10)));
        await Task.Delay(TimeSpan.FromSeconds(IntervalSeconds));
        long Readings() => gateway.Stored(MessageType.AirQuality) + gateway.Stored(MessageType.MeterReading) + gateway.Stored(MessageType.LampStatus);
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var before = Readings();
        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds));
        var stored = Readings() - before;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / (wall.Elapsed.TotalMilliseconds * Environment.ProcessorCount);
        var online = gateway.Presence.Count;
        foreach (var device in devices)
        {
            device.CutPower();
        }

        var expected = (double)size * WindowSeconds / IntervalSeconds;
        return (booted && online >= size ? Math.Min(1, stored / expected) : 0, cpu);
    }
}
