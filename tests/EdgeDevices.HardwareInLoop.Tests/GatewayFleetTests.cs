using System.Text.RegularExpressions;
using EdgeDevices.Fleet;
using Spectre.Console.Testing;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The README's run command: the gateway on its embedded defaults with a fleet running the real apps.</summary>
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

    [GeneratedRegex(@"^(?<online>\d+)/9 online \| stored (?<aq>\d+) aq, (?<lamp>\d+) lamp, (?<meter>\d+) meter, \d+ events \| lamps \d+/\d+ lit.* \| buffer (?<buffer>\d+) \(\d+ KiB\) \| quarantined (?<quarantined>\d+)\s*$")]
    private static partial Regex Summary();
}
