using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeDevices.Bench;
using Spectre.Console;

// edgebench: the benchmarks, each figure beside its reference from the same run.
var publishers = new Option<int>("--publishers") { Description = "MQTT publishers for the ingest benchmark", DefaultValueFactory = _ => 50 };
var messages = new Option<int>("--messages") { Description = "Readings per publisher", DefaultValueFactory = _ => 200 };
var root = new RootCommand("edgebench: EdgeDevices benchmarks (run with -c Release)") { publishers, messages };
root.SetAction(async (result, _) =>
{
    if (!AnsiConsole.Profile.Capabilities.Interactive)
    {
        // Piped into a file or docs: one line per figure.
        AnsiConsole.Profile.Width = 200;
    }

    AnsiConsole.MarkupLineInterpolated($"[grey]{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}[/]");
    var figures = new List<Figure>();
    figures.AddRange(FirmwareCoreBenchmark.Run());
    figures.AddRange(await IngestBenchmark.RunAsync(result.GetValue(publishers), result.GetValue(messages)));

    var table = new Table().AddColumns("benchmark", "measure", "value", "reference", "reference value", "ratio");
    foreach (var f in figures)
    {
        table.AddRow(f.Benchmark, f.Measure, Format(f.Value, f.Unit), f.Reference, Format(f.ReferenceValue, f.Unit), double.IsNaN(f.Ratio) ? "–" : f.Ratio.ToString("0.00", CultureInfo.InvariantCulture));
    }

    AnsiConsole.Write(table);
    return 0;
});
return await root.Parse(args).InvokeAsync();

static string Format(double value, string unit) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture) + " " + unit;
