using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Tests.Configuration;

/// <summary>The settings in the options system: one object per section, validated again when the host starts.</summary>
public sealed class OptionsServicesTests
{
    [Fact]
    public void Each_section_is_its_own_options_and_the_same_object_as_in_the_whole()
    {
        var options = new GatewayOptions();
        using var provider = new ServiceCollection().AddGatewayOptions(options).BuildServiceProvider();
        Assert.Same(options, provider.GetRequiredService<IOptions<GatewayOptions>>().Value);
        Assert.Same(options.Storage, provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Same(options.Metering, provider.GetRequiredService<IOptions<MeteringOptions>>().Value);
        Assert.Same(options.Lighting, provider.GetRequiredService<IOptions<LightingOptions>>().Value);
        Assert.Same(options.Sinks, provider.GetRequiredService<IOptions<SinksOptions>>().Value);
        Assert.Same(options.AirQuality, provider.GetRequiredService<IOptions<AirQualityOptions>>().Value);
    }

    [Fact]
    public async Task Settings_that_bypass_the_reader_cannot_start_the_gateway_invalid_and_every_problem_is_named()
    {
        // As an embedding application (or a test) might hand them over, without ConfigurationReader's checks.
        var state = Directory.CreateTempSubdirectory("edgedevices-options-");
        try
        {
            var options = new GatewayOptions { GatewayId = "gw astana", StateDirectory = state.FullName };
            options.Http.Urls = "http://127.0.0.1:0";
            options.Storage.Synchronous = "sometimes";
            await using var app = GatewayHost.Build(options, new ConfigurationBuilder().AddInMemoryCollection().Build());
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(refused.Failures, f => f.StartsWith("gatewayId:", StringComparison.Ordinal));
            Assert.Contains(refused.Failures, f => f.StartsWith("storage.synchronous:", StringComparison.Ordinal));
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
