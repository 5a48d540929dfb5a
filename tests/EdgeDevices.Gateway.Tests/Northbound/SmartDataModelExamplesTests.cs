using EdgeDevices.Gateway.Tests.References;
using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>
/// The check itself on known-good input: the official examples of every model we emit pass the same schema
/// validation and term expansion the gateway's entities go through, and a broken example does not.
/// </summary>
public sealed class SmartDataModelExamplesTests
{
    public static TheoryData<string> Models => [.. SmartDataModelSchemas.SchemaOf.Keys];

    // The official AirQualityObserved examples (at the vendored commit) break their own schema in three places;
    // the validator must find exactly these, and the examples must pass once they are corrected.
    private static readonly Dictionary<(string Type, string File), (string Pointer, JsonNode Corrected)[]> UpstreamDefects = new()
    {
        [("AirQualityObserved", "example.json")] = [("/dateObserved", "2016-03-15T11:00:00Z"), ("/tsp", 73)],
        [("AirQualityObserved", "example.jsonld")] = [("/dateObserved", "2016-03-15T11:00:00Z")],
        [("AirQualityObserved", "example-normalized.jsonld")] = [("/dateObserved", "2016-03-15T11:00:00Z"), ("/tsp", 73), ("/windDirection", 176)],
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void The_official_key_value_examples_are_valid(string type)
    {
        foreach (var example in new[] { "example.json", "example.jsonld" })
        {
            var document = Example(type, example);
            Assert.Equal(type, (string?)document["type"]);
            AssertValidOrOnlyKnownDefects(type, example, document);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_official_normalised_example_is_valid_once_simplified(string type)
    {
        const string file = "example-normalized.jsonld";
        AssertValidOrOnlyKnownDefects(type, file, NgsiLdSimplified.Of(Example(type, file)));
    }

    private static void AssertValidOrOnlyKnownDefects(string type, string file, JsonObject keyValues)
    {
        var errors = SmartDataModelSchemas.Instance.Errors(keyValues);
        if (!UpstreamDefects.TryGetValue((type, file), out var defects))
        {
            Assert.True(errors.Count == 0, $"{type}/{file}:\n" + string.Join("\n", errors));
            return;
        }

        Assert.Equal(defects.Select(d => d.Pointer).Order(StringComparer.Ordinal), errors.Select(e => e[..e.IndexOf(' ', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal));
        foreach (var (pointer, corrected) in defects)
        {
            keyValues[pointer[1..]] = corrected.DeepClone();
        }

        Assert.Empty(SmartDataModelSchemas.Instance.Errors(keyValues));
    }

    [Fact]
    public void The_validator_refuses_what_a_model_forbids()
    {
        var light = Example("Streetlight", "example.json");
        light["status"] = "broken";
        Assert.Contains(SmartDataModelSchemas.Instance.Errors(light), e => e.Contains("/status", StringComparison.Ordinal));

        var air = Example("AirQualityObserved", "example.json");
        air.Remove("location");
        Assert.NotEmpty(SmartDataModelSchemas.Instance.Errors(air));

        air = Example("AirQualityObserved", "example.json");
        air["relativeHumidity"] = 54; // a percentage where the model wants a fraction
        Assert.Contains(SmartDataModelSchemas.Instance.Errors(air), e => e.Contains("/relativeHumidity", StringComparison.Ordinal));

        air = Example("AirQualityObserved", "example.json");
        air["dateObserved"] = "yesterday";
        Assert.Contains(SmartDataModelSchemas.Instance.Errors(air), e => e.Contains("/dateObserved", StringComparison.Ordinal));

        var device = Example("Device", "example.json");
        device["controlledProperty"] = new JsonArray("electricity");
        Assert.Contains(SmartDataModelSchemas.Instance.Errors(device), e => e.Contains("/controlledProperty", StringComparison.Ordinal));
        device.Remove("controlledProperty");
        Assert.NotEmpty(SmartDataModelSchemas.Instance.Errors(device));

        light = Example("Streetlight", "example.json");
        light["refDevice"] = "urn:ngsi-ld:Device:sl-0001"; // one reference where the model wants an array
        Assert.Contains(SmartDataModelSchemas.Instance.Errors(light), e => e.Contains("/refDevice", StringComparison.Ordinal));
    }

    [Fact]
    public void Terms_expand_under_the_model_context_and_an_unknown_one_falls_to_the_default_context()
    {
        var context = JsonLdContext.Of(new JsonArray(
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld",
            JsonLdContext.Core));
        Assert.Equal("https://smartdatamodels.org/dataModel.Environment/pm1", context.Expand("pm1"));
        Assert.Equal("https://smartdatamodels.org/dataModel.Environment/AirQualityObserved", context.Expand("AirQualityObserved"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/location", context.Expand("location"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/observedAt", context.Expand("observedAt"));
        Assert.False(context.Defines("atmosphericPressureOfTheNode"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/default-context/atmosphericPressureOfTheNode", context.Expand("atmosphericPressureOfTheNode"));

        // The core context alone (what the gateway used to name besides a generic one) leaves pm1 undefined.
        Assert.False(JsonLdContext.Of(JsonValue.Create(JsonLdContext.Core)).Defines("pm1"));
    }

    private static JsonObject Example(string type, string file)
    {
        var schema = SmartDataModelSchemas.SchemaOf[type];
        var path = SmartDataModelSchemas.PathOf(Path.Combine(Path.GetDirectoryName(schema)!, "examples", file));
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }
}
