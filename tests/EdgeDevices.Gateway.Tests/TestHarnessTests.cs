using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Gateway.Tests;

/// <summary>The test gateway's own promise: an error the gateway logs fails the test that started it.</summary>
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
}
