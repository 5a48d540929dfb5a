using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Configuration;

/// <summary>Puts the settings into the options system.</summary>
public static class ConfigurationServices
{
    /// <summary>
    /// The settings as <see cref="ConfigurationReader"/> read them (it has named every problem before the host is
    /// built): <c>IOptions&lt;GatewayOptions&gt;</c> for what needs the whole (the state directory, the brokers) and
    /// <c>IOptions&lt;Section&gt;</c> for each section, so a component asks for the settings it uses and no more. The
    /// whole is validated again when the host starts (ValidateOnStart): settings that reach the host another way
    /// (a test's, an embedding application's) cannot start it invalid.
    /// </summary>
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidation>();
        services.AddSingleton<IOptionsFactory<GatewayOptions>>(sp => new ReadOptionsFactory(options, sp.GetServices<IValidateOptions<GatewayOptions>>()));
        services.AddOptions<GatewayOptions>().ValidateOnStart();
        AddSection(services, o => o.Southbound);
        AddSection(services, o => o.Updates);
        AddSection(services, o => o.LoRaWan);
        AddSection(services, o => o.Storage);
        AddSection(services, o => o.Validation);
        AddSection(services, o => o.Sinks);
        AddSection(services, o => o.Http);
        AddSection(services, o => o.Lighting);
        AddSection(services, o => o.Privacy);
        AddSection(services, o => o.Metering);
        AddSection(services, o => o.AirQuality);
        return services;
    }

    // A section is the whole's own object, so it is validated with the whole.
    private static void AddSection<TSection>(IServiceCollection services, Func<GatewayOptions, TSection> section)
        where TSection : class =>
        services.AddSingleton<IOptions<TSection>>(sp => Options.Create(section(sp.GetRequiredService<IOptions<GatewayOptions>>().Value)));

    // The options system's factory, handing out the settings already read instead of binding new ones; its validators still run.
    private sealed class ReadOptionsFactory(GatewayOptions options, IEnumerable<IValidateOptions<GatewayOptions>> validators) : IOptionsFactory<GatewayOptions>
    {
        public GatewayOptions Create(string name)
        {
            var failures = validators.Select(v => v.Validate(name, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(name, typeof(GatewayOptions), failures);
            }

            return options;
        }
    }
}
