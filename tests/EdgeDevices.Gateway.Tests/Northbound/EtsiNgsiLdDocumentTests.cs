using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Tests.References;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>ETSI's NGSI-LD OpenAPI document (V1.8.1, vendored) as the stand-in broker uses it: it accepts a well-formed entity and a BatchOperationResult, and refuses malformed ones.</summary>
public sealed class EtsiNgsiLdDocumentTests
{
    [Fact]
    public void The_document_accepts_what_the_standard_describes_and_refuses_the_rest()
    {
        var etsi = ContextBrokerStandIn.Etsi;
        var entity = JsonNode.Parse("""
            {"id": "urn:ngsi-ld:AirQualityObserved:aq-1", "type": "AirQualityObserved",
             "pm25": {"type": "Property", "value": 12, "observedAt": "2026-12-07T10:00:00Z", "unitCode": "GQ"},
             "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [71.4, 51.1]}},
             "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:aq-1"}}
            """);
        Assert.Equal([], etsi.Errors("/components/schemas/Entity", entity));
        Assert.Equal([], etsi.Errors("/components/schemas/LdContext", new JsonArray("https://example.org/context.jsonld", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld")));
        Assert.NotEmpty(etsi.Errors("/components/schemas/Entity", JsonNode.Parse("""{"id": "not a uri", "type": "X", "pm25": {"type": "Property", "value": 1}}""")));
        Assert.NotEmpty(etsi.Errors("/components/schemas/Entity", JsonNode.Parse("""{"id": "urn:x:1", "type": "X", "pm25": {"type": "Propertee", "value": 1}}""")));

        var result = JsonNode.Parse("""
            {"success": ["urn:ngsi-ld:A:1"], "errors": [{"entityId": "urn:ngsi-ld:A:2",
             "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title": "Bad Request Data", "status": 400, "detail": "no"}}]}
            """);
        Assert.Equal([], etsi.Errors("/components/schemas/BatchOperationResult", result));
        Assert.NotEmpty(etsi.Errors("/components/schemas/BatchOperationResult", JsonNode.Parse("""{"success": []}""")));
    }
}
