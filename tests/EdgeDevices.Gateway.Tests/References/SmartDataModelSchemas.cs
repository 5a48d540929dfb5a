using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EdgeDevices.Gateway.Tests.References;

/// <summary>
/// The official FIWARE Smart Data Models JSON Schemas (vendored under tests/reference-data/smart-data-models,
/// see its README for the pinned commits and the CC-BY-4.0 licence), loaded into one JsonSchema.Net registry
/// under the URLs the schemas use to refer to each other, so no schema is fetched from the network.
/// Validation is draft 2020-12 with <c>format</c> asserted (a date-time without an offset fails).
/// </summary>
public sealed class SmartDataModelSchemas
{
    /// <summary>The entity types we emit and the schema of each (path under reference-data/smart-data-models).</summary>
    public static readonly IReadOnlyDictionary<string, string> SchemaOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AirQualityObserved"] = "dataModel.Environment/AirQualityObserved/schema.json",
        ["Streetlight"] = "dataModel.Streetlighting/Streetlight/schema.json",
        ["Device"] = "dataModel.Device/Device/schema.json",
        ["SmartMeteringObservation"] = "dataModel.Device/SmartMeteringObservation/schema.json",
        ["WaterConsumptionObserved"] = "dataModel.WaterConsumption/WaterConsumptionObserved/schema.json",
    };

    // Every schema a model refers to (registered under its $id when built), and the other URLs it is referred
    // to by: the Environment definitions are referred to by their raw GitHub address, their $id is on github.io.
    private static readonly (string File, string[] Aliases)[] Shared =
    [
        ("data-models/common-schema.json", []),
        ("dataModel.Environment/Environment-schema.json", ["https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/Environment-schema.json"]),
        ("dataModel.Device/device-schema.json", []),
    ];

    private static readonly Lazy<SmartDataModelSchemas> Loaded = new(() => new SmartDataModelSchemas());

    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private SmartDataModelSchemas()
    {
        var registry = new SchemaRegistry();
        var build = new BuildOptions { SchemaRegistry = registry };
        foreach (var (file, aliases) in Shared)
        {
            var schema = JsonSchema.FromText(File.ReadAllText(PathOf(file)), build);
            foreach (var alias in aliases)
            {
                registry.Register(new Uri(alias), schema);
            }
        }

        registry.Fetch = (uri, _) => throw new InvalidOperationException($"a schema refers to {uri}, which is not vendored: add it to reference-data/smart-data-models");
        foreach (var (type, file) in SchemaOf)
        {
            _schemas[type] = JsonSchema.FromText(File.ReadAllText(PathOf(file)), build);
        }
    }

    /// <summary>The one instance (building the schemas takes a while).</summary>
    public static SmartDataModelSchemas Instance => Loaded.Value;

    /// <summary>The vendored folder.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "reference-data", "smart-data-models");

    /// <summary>A vendored file's full path.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The schema's complaints about <paramref name="keyValues"/> (an entity in its simplified form); empty when valid.</summary>
    public IReadOnlyList<string> Errors(JsonObject keyValues)
    {
        var type = (string?)keyValues["type"] ?? throw new ArgumentException("the entity has no type");
        if (!_schemas.TryGetValue(type, out var schema))
        {
            return [$"no official schema is vendored for entity type {type}"];
        }

        var instance = JsonDocument.Parse(keyValues.ToJsonString()).RootElement;
        var result = schema.Evaluate(instance, _evaluation);
        if (result.IsValid)
        {
            return [];
        }

        // The list holds the failures of every branch tried; a branch of an anyOf/oneOf that held is not a fault.
        var details = result.Details ?? [];
        var held = details.Where(d => d.IsValid).Select(d => d.EvaluationPath.ToString()).ToHashSet(StringComparer.Ordinal);
        return [.. details
            .Where(d => d.Errors != null && !InsideAHeldAlternative(d.EvaluationPath.ToString(), held))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    /// <summary>Whether an error at <paramref name="path"/> lies in a branch of an anyOf/oneOf whose schema held (so it is no fault).</summary>
    internal static bool InsideAHeldAlternative(string path, HashSet<string> held)
    {
        foreach (var keyword in new[] { "/oneOf/", "/anyOf/" })
        {
            for (var at = path.IndexOf(keyword, StringComparison.Ordinal); at >= 0; at = path.IndexOf(keyword, at + 1, StringComparison.Ordinal))
            {
                if (held.Contains(path[..at]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
