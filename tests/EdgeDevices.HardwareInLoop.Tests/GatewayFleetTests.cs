using System.Text.RegularExpressions;
using EdgeDevices.Fleet;
using Spectre.Console.Testing;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The README's run command: the gateway on its embedded defaults with a fleet running the real apps.</summary>
[Trait("Category", "Integration")]
public sealed partial class GatewayFleetTests
{
    [Fact]
    public async Task The_fleet_runner_brings_every_device_online_at_the_gateway_and_its_readings_into_the_buffer()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 400;
        var exit = await FleetRun.RunAsync(
            new FleetRunOptions { StreetLights = 3, AirQualityNodes = 3, Meters = 3, Virtual = true, Speed = 60, DurationSeconds = 20, TelemetryIntervalSeconds = 60 },
            console,
            CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = console.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("gateway on embedded defaults", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("gateway stopped", StringComparison.Ordinal));

        // The last summary comes from the gateway: all nine online, readings of every kind stored, none quarantined.
        var summary = lines.Last(l => l.Contains(" online | ", StringComparison.Ordinal));
        var match = Summary().Match(summary);
        Assert.True(match.Success, summary);
        Assert.Equal("9", match.Groups["online"].Value);
        Assert.True(int.Parse(match.Groups["aq"].Value) > 0, summary);
        Assert.True(int.Parse(match.Groups["lamp"].Value) > 0, summary);
        Assert.True(int.Parse(match.Groups["meter"].Value) > 0, summary);
        Assert.True(int.Parse(match.Groups["buffer"].Value) >= 9, summary);
        Assert.Equal("0", match.Groups["quarantined"].Value);
    }

    [Fact]
    public async Task Started_at_dusk_the_lamps_come_on_at_sunset_and_dim_at_eleven_whatever_the_hour_it_is_run()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 400;
        var start = FleetRunOptions.Dusk(DateTime.UtcNow);

        // Until 23:20 in Astana (UTC+5), whatever the season puts sunset at.
        var local = start.AddHours(5);
        var until = local.Date.AddHours(23).AddMinutes(20).AddHours(-5);
        var exit = await FleetRun.RunAsync(
            new FleetRunOptions { StreetLights = 3, AirQualityNodes = 0, Meters = 0, Start = start, Speed = 1200, VirtualDuration = until - start, TelemetryIntervalSeconds = 60 },
            console,
            CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = console.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("virtual clock from", StringComparison.Ordinal) && l.Contains("Astana time", StringComparison.Ordinal));

        // Each summary says the Astana time and the speed reached; the lamps go from off to full to 70 %.
        var summaries = lines.Where(l => l.Contains(" online | ", StringComparison.Ordinal)).ToList();
        Assert.All(summaries, l => Assert.Matches(@"\| \d\d:\d\d Astana, \d+x\s*$", l));
        var full = summaries.FindIndex(l => l.Contains("lamps 3/3 lit at 100 %", StringComparison.Ordinal));
        Assert.True(full >= 0, string.Join('\n', summaries));
        Assert.Contains(summaries.Skip(full), l => l.Contains("lamps 3/3 lit at 70 %", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(?<online>\d+)/9 online \| stored (?<aq>\d+) aq, (?<lamp>\d+) lamp, (?<meter>\d+) meter, \d+ events \| lamps \d+/\d+ lit.* \| buffer (?<buffer>\d+) \(\d+ KiB\) \| quarantined (?<quarantined>\d+) \| \d\d:\d\d Astana, \d+x\s*$")]
    private static partial Regex Summary();
}
