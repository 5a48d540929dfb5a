using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Gateway.Storage;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Observation;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;
using Spectre.Console;

namespace EdgeDevices.Fleet;

/// <summary>Options of one run of the fleet runner.</summary>
public sealed record FleetRunOptions
{
    /// <summary>host:port of a broker to use instead of the gateway started inside the runner.</summary>
    public string? Broker { get; init; }

    /// <summary>The in-process gateway's state directory; null for a fresh temporary one.</summary>
    public string? StateDirectory { get; init; }

    public int StreetLights { get; init; } = 20;

    public int AirQualityNodes { get; init; } = 20;

    public int Meters { get; init; } = 20;

    /// <summary>Run on a virtual clock (faster than real time) instead of the host's.</summary>
    public bool Virtual { get; init; }

    /// <summary>Virtual seconds per real second on a virtual clock.</summary>
    public int Speed { get; init; } = 60;

    /// <summary>Real seconds to run; 0 runs until Ctrl+C.</summary>
    public int DurationSeconds { get; init; }

    public int TelemetryIntervalSeconds { get; init; } = 15;

    /// <summary>Print every device's log.</summary>
    public bool Verbose { get; init; }

    /// <summary>Where a virtual clock starts (UTC); null: now.</summary>
    public DateTime? Start { get; init; }

    /// <summary>On a virtual clock, stop once this much virtual time has passed (tests: a duration in the run's own time, whatever the machine's load).</summary>
    public TimeSpan? VirtualDuration { get; init; }

    /// <summary>Ten minutes before today's sunset in Astana (where the demo street stands), UTC: a run that starts there shows the lamps come on and dim.</summary>
    public static DateTime Dusk(DateTime utcNow)
    {
        var sun = new EdgeDevices.Firmware.Lighting.Astronomy.SolarClock(DeviceSpecDefaults.Latitude, DeviceSpecDefaults.Longitude, DeviceSpecDefaults.UtcOffsetMinutes);
        var local = utcNow.AddMinutes(DeviceSpecDefaults.UtcOffsetMinutes);
        return sun.TryGetEvent(EdgeDevices.Firmware.Lighting.Astronomy.SolarEvent.Sunset, local.Year, local.Month, local.Day, out var sunset)
            ? sunset.AddMinutes(-10)
            : utcNow;
    }
}

/// <summary>Where the emulated devices stand unless told otherwise: Astana, UTC+5.</summary>
public static class DeviceSpecDefaults
{
    public const double Latitude = 51.1694;

    public const double Longitude = 71.4491;

    public const int UtcOffsetMinutes = 300;
}

/// <summary>
/// Boots a mixed fleet and shows, live, what arrives. By default the real gateway runs inside the runner on
/// its embedded defaults (broker, buffer, /healthz, /metrics), the devices are registered with it, and the
/// summary is the gateway's: devices online, readings stored, lamp levels, the buffer. With a broker given
/// instead, the summary is what reaches that broker.
/// </summary>
public static class FleetRun
{
    /// <summary>Runs until the duration is over or Ctrl+C.</summary>
    public static async Task<int> RunAsync(FleetRunOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        IWorldClock clock = options.Virtual || options.Start != null ? new VirtualClock(options.Start ?? DateTime.UtcNow) : new HostClock();
        InProcessGateway? gateway = null;
        string host;
        int port;
        if (options.Broker == null)
        {
            gateway = await InProcessGateway.StartAsync(options.StateDirectory, new WorldTimeProvider(clock), quiet: !options.Verbose, cancellationToken).ConfigureAwait(false);
            host = "127.0.0.1";
            port = gateway.BrokerPort;
            console.MarkupLineInterpolated($"[grey]gateway on embedded defaults: broker 127.0.0.1:{port}, dashboard {gateway.HttpUrl}/, {gateway.HttpUrl}/healthz and {gateway.HttpUrl}/metrics, buffer in {gateway.StateDirectory}[/]");
        }
        else
        {
            var parts = options.Broker.Split(':');
            host = parts[0];
            port = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1883;
        }

        var address = (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false)).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var world = new EmulationWorld(clock);
        if (options.Verbose)
        {
            world.LogSink = (id, line) => console.MarkupLineInterpolated($"[grey]{id}[/] {line}");
        }

        var builder = new FleetBuilder(world).WithNetwork(address);
        var random = new Random(2026);
        var devices = new List<EmulatedDevice>();
        devices.AddRange(builder.Add(DeviceRole.StreetLight, options.StreetLights, port, s => s with { TelemetryIntervalSeconds = options.TelemetryIntervalSeconds, ScheduleJson = TypicalSchedule.Json }));
        // Every third air-quality node carries an SDS011 (PM2.5 and PM10, no PM1), as mixed city fleets do.
        var airQualityNodes = 0;
        devices.AddRange(builder.Add(DeviceRole.AirQuality, options.AirQualityNodes, port, s => s with
        {
            TelemetryIntervalSeconds = options.TelemetryIntervalSeconds,
            WarmUpSeconds = 10,
            SamplesPerCycle = 3,
            Particles = airQualityNodes++ % 3 == 2 ? "sds011" : s.Particles,
        }));
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

                    if (aq.Sds011 != null)
                    {
                        aq.Sds011.Pm25 = random.Next(30, 800) / 10.0;
                        aq.Sds011.Pm10 = aq.Sds011.Pm25 * 3 / 2;
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

        BrokerObserver? observer = null;
        if (gateway != null)
        {
            foreach (var device in devices)
            {
                gateway.Register(
                    device.DeviceId,
                    device.Spec.MqttPassword,
                    Convert.FromHexString(device.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(device.DeviceId)),
                    new EdgeDevices.Gateway.Southbound.DeviceSite(device.Spec.RoleName, new EdgeDevices.Gateway.Southbound.GeoPoint(device.Spec.Latitude, device.Spec.Longitude)));
            }

            // The street lights as one street in the gateway's lighting model: it sends them their schedule.
            gateway.AddStreet("demo-street", devices.OfType<StreetLightDevice>().Select(d => (d.DeviceId, d.Spec.LampRatedWatts, d.Spec.Latitude, d.Spec.Longitude)), TypicalSchedule.Json);
        }
        else
        {
            observer = await BrokerObserver.ConnectAsync(host, port, "edgefleet-observer", cancellationToken).ConfigureAwait(false);
        }

        console.MarkupLineInterpolated($"booting [bold]{devices.Count}[/] devices ({options.StreetLights} street lights, {options.AirQualityNodes} air-quality nodes, {options.Meters} meters) against {host}:{port} on a {(clock is VirtualClock ? $"virtual clock from {Local(clock.UtcNow)} Astana time, asked for {options.Speed}x" : "real clock")}");
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            world.Scheduler.After(i * 10L, device.PowerOn);
        }

        var started = DateTime.UtcNow;
        var nextReport = started;
        var lastLine = string.Empty;
        var pace = (Real: DateTime.UtcNow, Virtual: clock.UtcNow);
        var virtualEnd = options.VirtualDuration is { } span ? clock.UtcNow + span : (DateTime?)null;
        while (!cancellationToken.IsCancellationRequested && (options.DurationSeconds == 0 || DateTime.UtcNow - started < TimeSpan.FromSeconds(options.DurationSeconds))
            && (virtualEnd == null || clock.UtcNow < virtualEnd))
        {
            if (clock is VirtualClock virtualClock)
            {
                virtualClock.RunFor(Math.Max(1, options.Speed) * 100L, 30_000);
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
            }

            if (DateTime.UtcNow >= nextReport)
            {
                // A line when something changed, and at least every 30 s: what the gateway sees, and the
                // (virtual) time with the speed the run reaches, which a busy machine may keep below the one asked.
                var line = (gateway != null ? GatewaySummary(devices, gateway) : BrokerSummary(devices, observer!)) + Pace(clock, ref pace);
                if (line != lastLine || (DateTime.UtcNow - started > TimeSpan.FromSeconds(30) && DateTime.UtcNow.Second % 30 < 2))
                {
                    console.MarkupLine(line);
                    lastLine = line;
                }

                nextReport = DateTime.UtcNow.AddSeconds(2);
            }
        }

        console.MarkupLine((gateway != null ? GatewaySummary(devices, gateway) : BrokerSummary(devices, observer!)) + Pace(clock, ref pace));
        var crashes = devices.Sum(d => d.Board.Crashes.Count);
        foreach (var device in devices)
        {
            device.CutPower();
        }

        if (observer != null)
        {
            await observer.DisposeAsync().ConfigureAwait(false);
        }

        if (gateway != null)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            console.MarkupLine("[grey]gateway stopped[/]");
        }

        return crashes == 0 ? 0 : 1;
    }

    private static string Local(DateTime utc) => utc.AddMinutes(DeviceSpecDefaults.UtcOffsetMinutes).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    // " | 17:42 Astana, 58x": virtual seconds per real second since the last line.
    private static string Pace(IWorldClock clock, ref (DateTime Real, DateTime Virtual) last)
    {
        var now = (Real: DateTime.UtcNow, Virtual: clock.UtcNow);
        var real = (now.Real - last.Real).TotalSeconds;
        var speed = real > 0.5 ? (now.Virtual - last.Virtual).TotalSeconds / real : 0;
        if (real > 0.5)
        {
            last = now;
        }

        var time = now.Virtual.AddMinutes(DeviceSpecDefaults.UtcOffsetMinutes).ToString("HH:mm", CultureInfo.InvariantCulture);
        return clock is VirtualClock ? string.Create(CultureInfo.InvariantCulture, $" | {time} Astana, {speed:0}x") : $" | {time} Astana";
    }

    private static string GatewaySummary(List<EmulatedDevice> devices, InProcessGateway gateway)
    {
        var lamps = gateway.LampStates();
        var lit = lamps.Where(l => l.RelayOn && l.Level > 0).ToList();
        var level = lit.Count == 0 ? "" : $" at {lit.Average(l => l.Level):0} %";
        var scheduled = lamps.Count == 0 ? "" : $", {gateway.LampsOnCurrentSchedule()} on the gateway's schedule";
        var buffered = gateway.Store.Count(Lane.Urgent) + gateway.Store.Count(Lane.Bulk);
        var crashes = devices.Sum(d => d.Board.Crashes.Count);
        return $"[bold]{gateway.Presence.Count}[/]/{devices.Count} online | stored {gateway.Stored(MessageType.AirQuality)} aq, {gateway.Stored(MessageType.LampStatus)} lamp, "
            + $"{gateway.Stored(MessageType.MeterReading)} meter, {gateway.Stored(MessageType.Event)} events | lamps {lit.Count}/{lamps.Count} lit{level}{scheduled} | "
            + $"buffer {buffered} ({gateway.Store.UsedBytes() / 1024} KiB) | quarantined {gateway.Quarantined}{(crashes > 0 ? $" | [red]{crashes} firmware crashes[/]" : "")}";
    }

    private static string BrokerSummary(List<EmulatedDevice> devices, BrokerObserver observer)
    {
        var messages = observer.Messages;
        var online = messages.Where(m => m.Channel == MqttTopics.Status).GroupBy(m => m.DeviceId).Count(g => g.Last().Text == "online");
        var reporting = messages.Where(m => m.Channel == MqttTopics.Telemetry || m.Channel == MqttTopics.State).Select(m => m.DeviceId).Distinct().Count();
        int Count(string channel) => messages.Count(m => m.Channel == channel);
        var crashes = devices.Sum(d => d.Board.Crashes.Count);
        return $"[bold]{online}[/]/{devices.Count} online, {reporting} reporting | telemetry {Count(MqttTopics.Telemetry)}, state {Count(MqttTopics.State)}, events {Count(MqttTopics.Events)}, acks {Count(MqttTopics.Acks)}{(crashes > 0 ? $" | [red]{crashes} firmware crashes[/]" : "")}";
    }
}
