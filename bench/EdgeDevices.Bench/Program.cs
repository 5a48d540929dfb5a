using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeDevices.Bench;
using Spectre.Console;

// edgebench: the benchmarks, each figure beside its reference from the same run.
var publishers = new Option<int>("--publishers") { Description = "MQTT publishers for the ingest benchmark", DefaultValueFactory = _ => 50 };
var messages = new Option<int>("--messages") { Description = "Readings per publisher", DefaultValueFactory = _ => 200 };
var replay = new Option<int>("--replay-readings") { Description = "Buffered readings the replay benchmark drains", DefaultValueFactory = _ => 5_000_000 };
var seconds = new Option<int>("--latency-seconds") { Description = "Seconds of steady load in the latency benchmark", DefaultValueFactory = _ => 20 };
var devices = new Option<int>("--devices") { Description = "Connected devices in the memory benchmark", DefaultValueFactory = _ => 10_000 };
var fleetSizes = new Option<int[]>("--fleet-sizes") { Description = "Fleet sizes the capacity benchmark tries, smallest first", DefaultValueFactory = _ => [100, 300, 1000, 2000], AllowMultipleArgumentsPerToken = true };
var otaDevices = new Option<int>("--ota-devices") { Description = "Devices downloading an update at once in the OTA benchmark", DefaultValueFactory = _ => 100 };
var otaBytes = new Option<int>("--ota-bundle-bytes") { Description = "Size of the bundle in the OTA benchmark", DefaultValueFactory = _ => 131_072 };
var only = new Option<string[]>("--only") { Description = "Run only these benchmarks: core, ingest, replay, latency, devices, fleet, ota", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("edgebench: EdgeDevices benchmarks (run with -c Release)") { publishers, messages, replay, seconds, devices, fleetSizes, otaDevices, otaBytes, only };
root.SetAction(async (result, _) =>
{
    if (!AnsiConsole.Profile.Capabilities.Interactive)
    {
        // Piped into a file or docs: one line per figure.
        AnsiConsole.Profile.Width = 200;
    }

    AnsiConsole.MarkupLineInterpolated($"[grey]{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}[/]");
    var selected = result.GetValue(only) ?? [];
    bool Runs(string name) => selected.Length == 0 || selected.Contains(name, StringComparer.OrdinalIgnoreCase);
    var figures = new List<Figure>();
    if (Runs("core"))
    {
        figures.AddRange(FirmwareCoreBenchmark.Run());
    }

    if (Runs("ingest"))
    {
        figures.AddRange(await IngestBenchmark.RunAsync(result.GetValue(publishers), result.GetValue(messages)));
    }

    if (Runs("latency"))
    {
        figures.AddRange(await LatencyBenchmark.RunAsync(result.GetValue(seconds)));
    }

    if (Runs("devices"))
    {
        figures.AddRange(await DevicesBenchmark.RunAsync(result.GetValue(devices)));
    }

    if (Runs("fleet"))
    {
        figures.AddRange(await FleetBenchmark.RunAsync(result.GetValue(fleetSizes) ?? []));
    }

    if (Runs("ota"))
    {
        figures.AddRange(await OtaBenchmark.RunAsync(result.GetValue(otaDevices), result.GetValue(otaBytes)));
    }

    if (Runs("replay"))
    {
        figures.AddRange(await ReplayBenchmark.RunAsync(result.GetValue(replay)));
    }

    var table = new Table().AddColumns("benchmark", "measure", "value", "reference", "reference value", "ratio");
    foreach (var f in figures)
    {
        table.AddRow(f.Benchmark, f.Measure, Format(f.Value, f.Unit), f.Reference, Format(f.ReferenceValue, f.Unit), double.IsNaN(f.Ratio) ? "–" : f.Ratio.ToString("0.00", CultureInfo.InvariantCulture));
    }

    AnsiConsole.Write(table);
    return 0;
});
// The device side of the memory benchmark, run as a child process.
var port = new Option<int>("--port") { Required = true };
var count = new Option<int>("--devices") { Required = true };
var anonymous = new Option<bool>("--anonymous");
var connect = new Command("connect", "Connect devices and hold them until standard input closes (used by the devices benchmark)") { port, count, anonymous };
connect.SetAction((result, _) => DevicesBenchmark.ConnectAndHoldAsync(result.GetValue(port), result.GetValue(count), !result.GetValue(anonymous)));
root.Subcommands.Add(connect);
var fillState = new Option<string>("--state") { Required = true };
var fillReadings = new Option<int>("--readings") { Required = true };
var fill = new Command("fill", "Fill a buffer with readings (used by the replay benchmark)") { fillState, fillReadings };
fill.SetAction(result => ReplayBenchmark.Fill(result.GetValue(fillState)!, result.GetValue(fillReadings)));
root.Subcommands.Add(fill);
return await root.Parse(args).InvokeAsync();

static string Format(double value, string unit) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture) + " " + unit;
