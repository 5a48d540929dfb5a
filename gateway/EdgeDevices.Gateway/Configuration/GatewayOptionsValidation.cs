using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Configuration;

/// <summary>The options system's validator for the settings: <see cref="GatewayOptionsValidator"/>'s checks, every problem named.</summary>
public sealed class GatewayOptionsValidation : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var problems = GatewayOptionsValidator.Validate(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
