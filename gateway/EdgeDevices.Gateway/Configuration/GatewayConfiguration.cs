using System.Text.Json;

namespace EdgeDevices.Gateway.Configuration;

/// <summary>
/// Loads the layered configuration (file, then EDGEDEVICES_* environment variables, then <c>--set</c>) and
/// reports every problem on standard error, each naming its field, before anything starts.
/// </summary>
public static class GatewayConfiguration
{
    /// <summary>The settings file when none is named.</summary>
    public const string DefaultFile = "/etc/edgedevices/gateway.json";

    /// <summary>Loads and validates; false (with the problems written to standard error) when the gateway must not start.</summary>
    public static bool TryLoad(string? file, IReadOnlyList<string> settings, out GatewayOptions options, out IConfiguration configuration)
    {
        options = new GatewayOptions();
        configuration = new ConfigurationBuilder().Build();
        var explicitFile = file ?? Environment.GetEnvironmentVariable("EDGEDEVICES_CONFIG");
        // Relative to where the command runs (the JSON provider would take it relative to the program's folder).
        var path = Path.GetFullPath(explicitFile ?? DefaultFile);
        if (explicitFile != null && !File.Exists(path))
        {
            Console.Error.WriteLine($"configuration: file {path} does not exist");
            return false;
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"configuration: --set {setting}: expected key=value");
                return false;
            }

            overrides[setting[..equals].Replace('.', ':')] = setting[(equals + 1)..];
        }

        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(path, optional: explicitFile == null, reloadOnChange: false)
                .AddEnvironmentVariables("EDGEDEVICES_")
                .AddInMemoryCollection(overrides)
                .Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException)
        {
            Console.Error.WriteLine($"configuration: {path} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}");
            return false;
        }

        options = ConfigurationReader.Read(configuration, out var errors);
        if (errors.Count == 0)
        {
            return true;
        }

        Console.Error.WriteLine($"configuration has {errors.Count} problem(s); the gateway does not start:");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }

        return false;
    }
}
