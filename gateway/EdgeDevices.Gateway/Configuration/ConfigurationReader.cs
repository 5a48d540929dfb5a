using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EdgeDevices.Gateway.Configuration;

/// <summary>
/// Turns the layered configuration into <see cref="GatewayOptions"/>, or into a list of problems that each
/// name their field: an unknown setting (a misspelt key must not fall back to a default silently), a value
/// that is not of the field's type, or a value the validator refuses.
/// </summary>
public static class ConfigurationReader
{
    /// <summary>Sections that belong to the host, not to the gateway's own settings.</summary>
    private static readonly string[] HostSections = ["Logging", "Config"];

    /// <summary>Reads the settings; <paramref name="errors"/> is empty on success.</summary>
    public static GatewayOptions Read(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            if (!HostSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                FindUnknown(child, typeof(GatewayOptions), string.Empty, problems);
            }
        }

        var options = new GatewayOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ConversionProblem(ex));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(GatewayOptionsValidator.Validate(options));
        }

        errors = problems;
        return options;
    }

    // camelCase path of a configuration key path ("Southbound:Embedded:Port" → "southbound.embedded.port").
    private static string FieldName(string path) =>
        string.Join('.', path.Split(':').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    private static void FindUnknown(IConfigurationSection section, Type owner, string prefix, List<string> problems)
    {
        var property = owner.GetProperty(section.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        var path = prefix.Length == 0 ? section.Key : prefix + ":" + section.Key;
        if (property == null)
        {
            problems.Add($"{FieldName(path)}: unknown setting");
            return;
        }

        var type = property.PropertyType;
        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)))
        {
            // A list: its items are numbered ("0", "1", ...) and each is a single value.
            foreach (var item in section.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) || item.Value == null)
                {
                    problems.Add($"{FieldName(path)}: expected a list of values");
                    break;
                }
            }
        }
        else if (type.IsClass && type != typeof(string))
        {
            foreach (var child in section.GetChildren())
            {
                FindUnknown(child, type, path, problems);
            }
        }
        else if (section.Value == null && section.GetChildren().Any())
        {
            problems.Add($"{FieldName(path)}: expected a single value, found an object");
        }
    }

    private static string ConversionProblem(InvalidOperationException ex)
    {
        // "Failed to convert configuration value 'many' at 'Southbound:Embedded:Port' to type 'System.Int32'."
        var message = ex.Message;
        var at = message.IndexOf(" at '", StringComparison.Ordinal);
        var start = at < 0 ? -1 : at + 4;
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (start >= 0 && end > start)
        {
            var path = message[(start + 1)..end];
            var type = ex.Message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number"
                : ex.Message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
                : ex.Message.Contains("SouthboundMode", StringComparison.Ordinal) ? "'embedded' or 'external'"
                : "a value of the right type";
            return string.Create(CultureInfo.InvariantCulture, $"{FieldName(path)}: must be {type}");
        }

        return "configuration: " + message;
    }
}
