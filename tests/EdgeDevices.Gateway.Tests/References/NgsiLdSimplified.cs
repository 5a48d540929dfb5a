using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Tests.References;

/// <summary>
/// An NGSI-LD entity in normalised form as a broker renders it simplified (ETSI GS CIM 009 §4.5.4,
/// <c>options=keyValues</c>): a Property becomes its value, a GeoProperty its GeoJSON, a Relationship its
/// object, and a JSON-LD value object (<c>{"@type": "DateTime", "@value": …}</c>) its lexical form. The Smart
/// Data Models schemas describe this form, so this is what is validated against them. @context is dropped.
/// </summary>
public static class NgsiLdSimplified
{
    /// <summary>The simplified form of <paramref name="normalised"/>.</summary>
    public static JsonObject Of(JsonObject normalised)
    {
        var simplified = new JsonObject();
        foreach (var (name, node) in normalised)
        {
            if (name == "@context")
            {
                continue;
            }

            simplified[name] = name is "id" or "type" ? node?.DeepClone() : Value(name, node);
        }

        return simplified;
    }

    private static JsonNode? Value(string name, JsonNode? attribute)
    {
        if (attribute is not JsonObject a || (string?)a["type"] is not { } type)
        {
            throw new InvalidOperationException($"{name} is not a normalised NGSI-LD attribute: {attribute?.ToJsonString()}");
        }

        return type switch
        {
            "Property" or "GeoProperty" => Literal(a["value"]),
            "Relationship" => a["object"]?.DeepClone(),
            "LanguageProperty" => a["languageMap"]?.DeepClone(),
            "VocabProperty" => a["vocab"]?.DeepClone(),
            "JsonProperty" => a["json"]?.DeepClone(),
            "ListProperty" => a["valueList"]?.DeepClone(),
            _ => throw new InvalidOperationException($"{name}: unknown attribute type {type}"),
        };
    }

    private static JsonNode? Literal(JsonNode? value) =>
        value is JsonObject o && o.ContainsKey("@value") ? o["@value"]?.DeepClone() : value?.DeepClone();
}
