using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Broker;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Observation;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;
using Spectre.Console;

namespace EdgeDevices.Fleet;

/// <summary>Options of one run of the fleet runner.</summary>
public sealed record FleetRunOptions
{
    /// <summary>host:port of a broker, or null to start one inside the runner.</summary>
    public string? Broker { get; init; }

    public int StreetLights { get; init; } = 4;

    public int AirQualityNodes { get; init; } = 4;

    public int Meters { get; init; } = 4;

    /// <summary>Run on a virtual clock (faster than real time) instead of the host's.</summary>
    public bool Virtual { get; init; }

    /// <summary>Virtual seconds per real second on a virtual clock.</summary>
    public int Speed { get; init; } = 60;

    /// <summary>Real seconds to run; 0 runs until Ctrl+C.</summary>
    public int DurationSeconds { get; init; }

    public int TelemetryIntervalSeconds { get; init; } = 60;

    /// <summary>Print every device's log.</summary>
    public bool Verbose { get; init; }
}

/// <summary>
/// Boots a mixed fleet against a broker and shows, live, what reaches the broker from it: devices online,
/// messages per channel, events. A broker is started inside the runner when none is given.
/// </summary>
public static class FleetRun
{
    /// <summary>Runs until the duration is over or Ctrl+C.</summary>
    public static async Task<int> RunAsync(FleetRunOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        EmbeddedBroker? embedded = null;
        string host;
        int port;
        if (options.Broker == null)
        {
            embedded = await EmbeddedBroker.StartAsync().ConfigureAwait(false);
            host = "127.0.0.1";
            port = embedded.Port;
            console.MarkupLine($"[grey]embedded MQTT broker on port {port}[/]");
        }
        else
        {
            var parts = options.Broker.Split(':');
            host = parts[0];
            port = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1883;
        }

        var address = (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false)).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        IWorldClock clock = options.Virtual ? new VirtualClock(DateTime.UtcNow) : new HostClock();
        var world = new EmulationWorld(clock);
        if (options.Verbose)
        {
            world.LogSink = (id, line) => console.MarkupLineInterpolated($"[grey]{id}[/] {line}");
        }

        var builder = new FleetBuilder(world).WithNetwork(address);
        var random = new Random(2026);
        var devices = new List<EmulatedDevice>();
        devices.AddRange(builder.Add(DeviceRole.StreetLight, options.StreetLights, port, s => s with { TelemetryIntervalSeconds = options.TelemetryIntervalSeconds }));
        devices.AddRange(builder.Add(DeviceRole.AirQuality, options.AirQualityNodes, port, s => s with { TelemetryIntervalSeconds = options.TelemetryIntervalSeconds, WarmUpSeconds = 10, SamplesPerCycle = 3 }));
        devices.AddRange(builder.Add(DeviceRole.Meter, options.Meters, port, s => s with { TelemetryIntervalSeconds = options.TelemetryIntervalSeconds }));
        foreach (var device in devices)
        {
            switch (device)
            {
                case AirQualityDevice aq:
                    aq.SetClimate(-5 + (random.NextDouble() * 30), 30 + (random.NextDouble() * 50), 960 + (random.NextDouble() * 40));
                    if (aq.Pms5003 != null)
                    {
                        aq.Pms5003.Pm25 = random.Next(3, 80);
                        aq.Pms5003.Pm1 = aq.Pms5003.Pm25 * 2 / 3;
                        aq.Pms5003.Pm10 = aq.Pms5003.Pm25 * 3 / 2;
                    }

                    break;
                case MeterDevice meter:
                    foreach (var s0 in meter.S0)
                    {
                        s0.SetRate(200 + random.Next(1000));
                    }

                    break;
            }
        }

        await using var observer = await BrokerObserver.ConnectAsync(host, port, "edgefleet-observer", cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"booting [bold]{devices.Count}[/] devices ({options.StreetLights} street lights, {options.AirQualityNodes} air-quality nodes, {options.Meters} meters) against {host}:{port} on a {(options.Virtual ? $"virtual clock at {options.Speed}x" : "real clock")}");
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            world.Scheduler.After(i * 10L, device.PowerOn);
        }

        var started = DateTime.UtcNow;
        var nextReport = started;
        var lastLine = string.Empty;
        while (!cancellationToken.IsCancellationRequested && (options.DurationSeconds == 0 || DateTime.UtcNow - started < TimeSpan.FromSeconds(options.DurationSeconds)))
        {
            if (clock is VirtualClock virtualClock)
            {
                virtualClock.RunFor(options.Speed * 100L, 30_000);
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
            }

            if (DateTime.UtcNow >= nextReport)
            {
                // A line when something changed, and at least every 30 s.
                var line = Summary(devices, observer);
                if (line != lastLine || (DateTime.UtcNow - started > TimeSpan.FromSeconds(30) && DateTime.UtcNow.Second % 30 < 2))
                {
                    console.MarkupLine(line);
                    lastLine = line;
                }

                nextReport = DateTime.UtcNow.AddSeconds(2);
            }
        }

        console.MarkupLine(Summary(devices, observer));
        var crashes = devices.Sum(d => d.Board.Crashes.Count);
        foreach (var device in devices)
        {
            device.CutPower();
        }

        if (embedded != null)
        {
            await embedded.DisposeAsync().ConfigureAwait(false);
        }

        return crashes == 0 ? 0 : 1;
    }

    private static string Summary(List<EmulatedDevice> devices, BrokerObserver observer)
    {
        var messages = observer.Messages;
        var online = messages.Where(m => m.Channel == MqttTopics.Status).GroupBy(m => m.DeviceId).Count(g => g.Last().Text == "online");
        var reporting = messages.Where(m => m.Channel == MqttTopics.Telemetry || m.Channel == MqttTopics.State).Select(m => m.DeviceId).Distinct().Count();
        int Count(string channel) => messages.Count(m => m.Channel == channel);
        var crashes = devices.Sum(d => d.Board.Crashes.Count);
        return $"[bold]{online}[/]/{devices.Count} online, {reporting} reporting | telemetry {Count(MqttTopics.Telemetry)}, state {Count(MqttTopics.State)}, events {Count(MqttTopics.Events)}, acks {Count(MqttTopics.Acks)}{(crashes > 0 ? $" | [red]{crashes} firmware crashes[/]" : "")}";
    }
}
