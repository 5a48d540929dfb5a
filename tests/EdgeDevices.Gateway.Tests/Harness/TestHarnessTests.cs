using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>
/// The test gateway's own promise: an error the gateway logs, or an exception of a gateway task nobody awaited,
/// fails the test that started it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TestHarnessTests
{
    [Fact]
    public async Task A_gateway_that_logged_an_error_fails_at_dispose_unless_the_test_expected_it()
    {
        var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeDevices.Gateway.Probe").LogError("a loop died");
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(async () => await gateway.DisposeAsync());
        Assert.Contains("a loop died", failure.Message, StringComparison.Ordinal);

        var expecting = await TestGateway.StartAsync();
        expecting.ExpectErrors("the platform refused");
        expecting.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeDevices.Gateway.Probe").LogError("the platform refused the batch");
        await expecting.DisposeAsync();
    }

    [Fact]
    public async Task A_gateway_task_that_threw_with_nobody_awaiting_it_fails_at_dispose()
    {
        var gateway = await TestGateway.StartAsync();
        DropAFaultedGatewayTask();
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(async () => await gateway.DisposeAsync());
        Assert.Contains("nobody awaited", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LoopWake", failure.Message, StringComparison.Ordinal);
    }

    // Gateway code whose task faults (no clock to wait on) and is dropped unawaited.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DropAFaultedGatewayTask() => _ = new EdgeDevices.Gateway.Operations.LoopWake(null!).WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
}
