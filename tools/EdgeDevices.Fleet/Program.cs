using System.CommandLine;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Demo;
using Spectre.Console;

var broker = new Option<string?>("--broker") { Description = "host:port of an MQTT broker to use instead of the gateway the runner starts" };
var state = new Option<string?>("--state") { Description = "State directory of the gateway the runner starts (default: a fresh temporary one)" };
var streetLights = new Option<int>("--street-lights") { Description = "Street-light controllers", DefaultValueFactory = _ => 20 };
var airQuality = new Option<int>("--air-quality") { Description = "Air-quality nodes", DefaultValueFactory = _ => 20 };
var meters = new Option<int>("--meters") { Description = "Meter nodes", DefaultValueFactory = _ => 20 };
var clock = new Option<string>("--clock") { Description = "real, or virtual (faster than real time)", DefaultValueFactory = _ => "real" };
clock.AcceptOnlyFromAmong("real", "virtual");
var speed = new Option<int>("--speed") { Description = "Virtual seconds per real second with --clock virtual", DefaultValueFactory = _ => 60 };
var duration = new Option<int>("--duration") { Description = "Real seconds to run (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };
var interval = new Option<int>("--telemetry-interval") { Description = "Seconds between readings", DefaultValueFactory = _ => 15 };
var verbose = new Option<bool>("--verbose") { Description = "Print every device's log" };
var start = new Option<string?>("--start") { Description = "Where the clock starts: dusk (10 minutes before today's sunset in Astana, so the lamps come on and dim whatever the hour), or a UTC time like 2026-12-07T11:30Z; implies --clock virtual" };

var root = new RootCommand("edgefleet: the gateway on its embedded defaults with a fleet of emulated EdgeDevices (the real firmware on emulated boards)")
{
    broker, state, streetLights, airQuality, meters, clock, speed, duration, interval, verbose, start,
};
root.SetAction(async (result, cancellationToken) =>
{
    DateTime? startAt = null;
    if (result.GetValue(start) is { } text)
    {
        if (text == "dusk")
        {
            startAt = FleetRunOptions.Dusk(DateTime.UtcNow);
        }
        else if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            startAt = at.UtcDateTime;
        }
        else
        {
            Console.Error.WriteLine($"edgefleet: --start '{text}' is neither dusk nor a time");
            Console.Error.WriteLine("  next: --start dusk, or a UTC time like --start 2026-12-07T11:30Z");
            return 2;
        }
    }

    return await FleetRun.RunAsync(
    new FleetRunOptions
    {
        Start = startAt,
        Broker = result.GetValue(broker),
        StateDirectory = result.GetValue(state),
        StreetLights = result.GetValue(streetLights),
        AirQualityNodes = result.GetValue(airQuality),
        Meters = result.GetValue(meters),
        Virtual = result.GetValue(clock) == "virtual",
        Speed = result.GetValue(speed),
        DurationSeconds = result.GetValue(duration),
        TelemetryIntervalSeconds = result.GetValue(interval),
        Verbose = result.GetValue(verbose),
    },
    AnsiConsole.Console,
    cancellationToken);
});
var seed = new Option<int>("--seed") { Description = "Seed for the simulated readings", DefaultValueFactory = _ => 2026 };
var demo = new Command("demo", "Walk one air-quality node's firmware core through readings, an outage, a power cut and delivery, on emulated flash") { seed };
demo.SetAction(result => CoreDemo.Run(AnsiConsole.Console, result.GetValue(seed)));
root.Subcommands.Add(demo);

return await root.Parse(args).InvokeAsync();
