using System.Globalization;
using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Southbound;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>NGSI-LD attributes in the normalised form (ETSI GS CIM 009 §4.5): Property, GeoProperty, Relationship.</summary>
public static class NgsiLdAttribute
{
    /// <summary>A date-time as NGSI-LD and the models want it: UTC, ISO 8601, seconds.</summary>
    public static string DateTime(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A Property measured at <paramref name="observedAt"/>, with its UN/CEFACT unit code when it has one.</summary>
    public static JsonObject Property(JsonNode? value, string? observedAt = null, string? unitCode = null)
    {
        var p = new JsonObject { ["type"] = "Property", ["value"] = value };
        if (observedAt != null)
        {
            p["observedAt"] = observedAt;
        }

        if (unitCode != null)
        {
            p["unitCode"] = unitCode;
        }

        return p;
    }

    /// <summary>A Relationship to one entity.</summary>
    public static JsonObject Relationship(string entity) => new() { ["type"] = "Relationship", ["object"] = entity };

    /// <summary>A Relationship to a list of entities, an array even of one (where a model wants an array of references).</summary>
    public static JsonObject Relationships(IEnumerable<string> entities) => new()
    {
        ["type"] = "Relationship",
        ["object"] = new JsonArray([.. entities.Select(e => (JsonNode)e)]),
    };

    /// <summary>A GeoProperty holding a GeoJSON Point (longitude first, as GeoJSON orders it).</summary>
    public static JsonObject Location(GeoPoint at) => new()
    {
        ["type"] = "GeoProperty",
        ["value"] = new JsonObject
        {
            ["type"] = "Point",
            ["coordinates"] = new JsonArray(Math.Round(at.Longitude, 7), Math.Round(at.Latitude, 7)),
        },
    };
}
