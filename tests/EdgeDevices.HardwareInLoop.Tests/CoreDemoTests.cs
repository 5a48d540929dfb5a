using EdgeDevices.Fleet.Demo;
using Spectre.Console.Testing;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>The firmware core's guided demonstration (<c>edgefleet demo</c>) on emulated flash.</summary>
public sealed class CoreDemoTests
{
    [Fact]
    public void The_demo_runs_through_an_outage_a_power_cut_and_delivery()
    {
        // The README's demonstration (edgefleet demo): it must keep working.
        var console = new TestConsole().Width(120);

        var exit = CoreDemo.Run(console, 2026);

        var output = console.Output;
        Assert.Equal(0, exit);
        Assert.Contains("8 waiting, 4 oldest dropped and counted", output, StringComparison.Ordinal);
        Assert.Contains("7 intact records, 1 torn record skipped", output, StringComparison.Ordinal);
        Assert.Contains("drop count 4 kept", output, StringComparison.Ordinal);
        Assert.Contains("outbox now holds 0 records", output, StringComparison.Ordinal);
        Assert.Contains("mqtt.password", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_command_runs_it()
    {
        // dotnet run --project tools/EdgeDevices.Fleet -- demo, through the runner's own command line.
        var main = typeof(EdgeDevices.Fleet.FleetRun).Assembly.EntryPoint!;
        Assert.Equal(0, main.Invoke(null, [new[] { "demo", "--seed", "2026" }]));
    }
}
