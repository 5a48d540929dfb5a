using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Serialization;

namespace EdgeDevices.Gateway.Tests.References;

/// <summary>
/// The schemas of an official OpenAPI 3.0 document (vendored under tests/reference-data), as JSON Schema
/// draft 2020-12 for JsonSchema.Net: the document's <c>components.schemas</c> become <c>$defs</c>, its
/// <c>$ref</c>s follow, and OpenAPI's <c>nullable: true</c> becomes a type that admits null. Any schema of the
/// document, named by its JSON pointer (a request body, a response, a component), validates an instance.
/// </summary>
public sealed class OpenApiSchemas
{
    private static readonly ConcurrentDictionary<string, OpenApiSchemas> Loaded = new(StringComparer.Ordinal);

    private readonly JsonObject _document;
    private readonly JsonObject _defs;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private OpenApiSchemas(JsonObject document)
    {
        _document = document;
        _defs = Rewrite(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject())!.AsObject();
    }

    /// <summary>The document at <paramref name="relativePath"/> under reference-data (YAML or JSON), loaded once.</summary>
    public static OpenApiSchemas Of(string relativePath) => Loaded.GetOrAdd(relativePath, path =>
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-data", path));
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            return new OpenApiSchemas(JsonNode.Parse(text)!.AsObject());
        }

        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(text);
        return new OpenApiSchemas(JsonSerializer.SerializeToNode(yaml)!.AsObject());
    });

    /// <summary>The raw document (for reading its paths and responses).</summary>
    public JsonObject Document => _document;

    /// <summary>What the schema at <paramref name="pointer"/> (e.g. <c>/components/schemas/Entity</c>) finds wrong with <paramref name="instance"/>; empty when valid.</summary>
    public IReadOnlyList<string> Errors(string pointer, JsonNode? instance)
    {
        var schema = _schemas.GetOrAdd(pointer, Build);
        var result = schema.Evaluate(JsonDocument.Parse(instance?.ToJsonString() ?? "null").RootElement, _evaluation);
        if (result.IsValid)
        {
            return [];
        }

        var details = result.Details ?? [];
        var held = details.Where(d => d.IsValid).Select(d => d.EvaluationPath.ToString()).ToHashSet(StringComparer.Ordinal);
        return [.. details
            .Where(d => d.Errors != null && !SmartDataModelSchemas.InsideAHeldAlternative(d.EvaluationPath.ToString(), held))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    private JsonSchema Build(string pointer)
    {
        JsonNode? node = _document;
        foreach (var part in pointer.TrimStart('/').Split('/'))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        if (node is not JsonObject target)
        {
            throw new ArgumentException($"no schema at {pointer}");
        }

        // $schema and $id first: JsonSchema.Net reads the keywords in order.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://reference.test/openapi/{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in Rewrite(target.DeepClone())!.AsObject())
        {
            root[key] = value?.DeepClone();
        }

        root["$defs"] = _defs.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    // OpenAPI 3.0 → 2020-12: component refs into $defs, nullable into a null type.
    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = Rewrite(o[key]?.DeepClone());
                }

                if (o["$ref"] is JsonValue r && r.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    o["$ref"] = "#/$defs/" + r.GetValue<string>()["#/components/schemas/".Length..];
                }

                if (o["nullable"] is JsonValue n && n.GetValue<bool>() && o["type"] is JsonValue t)
                {
                    o["type"] = new JsonArray(t.GetValue<string>(), "null");
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Rewrite(a[i]?.DeepClone());
                }

                return a;
            default:
                return node;
        }
    }
}
