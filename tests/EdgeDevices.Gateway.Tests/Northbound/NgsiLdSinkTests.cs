using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Tests.References;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>Devices → gateway → a local NGSI-LD context broker that checks every request against ETSI's OpenAPI document.</summary>
[Trait("Category", "Integration")]
public sealed class NgsiLdSinkTests
{
    private static readonly GeoPoint Astana = new(51.1694, 71.4491);

    [Fact]
    public async Task Every_kind_of_reading_arrives_as_a_valid_smart_data_model_entity()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        await using var gateway = await StartAsync(broker);
        gateway.Sites.Put("aq-0003", new DeviceSite("airquality", Astana));
        gateway.Sites.Put("sl-0003", new DeviceSite("streetlight", new GeoPoint(51.1701, 71.4502)));
        gateway.Sites.Put("m-0003", new DeviceSite("meter", new GeoPoint(51.1, 71.4)));
        await using var node = await gateway.DeviceAsync("aq-0003");
        await using var light = await gateway.DeviceAsync("sl-0003");
        await using var meter = await gateway.DeviceAsync("m-0003");
        await node.PublishAsync(Readings.AirQuality(0, pm25: 41));
        await node.PublishAsync(Readings.AirQuality(1, pm25: 43));
        await light.PublishAsync(Readings.Lamp(0, 70, LampFaults.LampFailure));
        await meter.PublishAsync(Readings.Meter(0, 191_051));
        var electricity = Readings.Meter(1, 1_000, medium: MeterMedium.Electricity);
        electricity.Channel = 1;
        await meter.PublishAsync(electricity);
        var secondWater = Readings.Meter(2, 5_000);
        secondWater.Channel = 2;
        await meter.PublishAsync(secondWater);
        await meter.PublishAsync(new HealthReport { BootId = 1, Sequence = 3, Timestamp = Readings.Now, Rssi = -71, FirmwareMajor = 0, FirmwareMinor = 4, FreeHeapBytes = 90_000 });

        await Eventually.TrueAsync(() => broker.Entities.Count >= 7 && gateway.Store.Lag("ngsi-ld") == 0, "seven entities at the context broker", () => $"{broker.Entities.Count} there; {string.Join(" | ", _logs.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal)))}");
        var entities = broker.Entities;
        Assert.Equal(7, entities.Count);

        // Valid for ETSI (the requests) and for each model (the entities); every term the model's own.
        Assert.Empty(broker.Violations);
        Assert.All(broker.Requests, r => Assert.StartsWith("application/ld+json", r.ContentType, StringComparison.Ordinal));
        Assert.All(broker.Requests, r => Assert.Equal("astana", r.Tenant));
        foreach (var entity in entities)
        {
            var errors = SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(entity));
            Assert.True(errors.Count == 0, $"{entity["id"]}: {string.Join("; ", errors)}");
            var context = JsonLdContext.OfDocument(entity);
            Assert.All(entity.Where(a => !a.Key.StartsWith('@')).Select(a => a.Key), term => Assert.True(context.Defines(term), $"{entity["type"]}.{term} undefined"));
        }

        var air = entities.Where(e => (string)e["type"]! == "AirQualityObserved").ToList();
        Assert.Equal([41, 43], air.Select(a => (int)a["pm25"]!["value"]!));
        Assert.Equal("urn:ngsi-ld:AirQualityObserved:aq-0003", (string)air[0]["id"]!);
        Assert.Equal([71.4491, 51.1694], air[0]["location"]!["value"]!["coordinates"]!.AsArray().Select(c => (double)c!));
        // PM2.5 41 µg/m³ under the 2024 table: (150 − 101) / (55.4 − 35.5) · (41 − 35.5) + 101 = 114.5.
        Assert.Equal(115, (int)air[0]["airQualityIndex"]!["value"]!);

        var lamp = Assert.Single(entities, e => (string)e["type"]! == "Streetlight");
        Assert.Equal("defectiveLamp", (string)lamp["status"]!["value"]!);
        Assert.Equal(["urn:ngsi-ld:Device:sl-0003"], lamp["refDevice"]!["object"]!.AsArray().Select(o => (string)o!));

        // Each meter channel its own observation; the household only by its pseudonym, and nowhere on the map.
        var water = entities.Where(e => (string)e["type"]! == "WaterConsumptionObserved").ToList();
        Assert.Equal(2, water.Count);
        Assert.Equal([191_051L, 5_000L], water.Select(w => (long)w["waterConsumption"]!["value"]!));
        Assert.NotEqual((string)water[0]["id"]!, (string)water[1]["id"]!);
        var metered = Assert.Single(entities, e => (string)e["type"]! == "SmartMeteringObservation");
        Assert.Equal(1m, (decimal)metered["totalConsumption"]!["value"]!);
        var device = Assert.Single(entities, e => (string)e["type"]! == "Device");
        Assert.Equal(["electricityConsumption", "waterConsumption"], device["controlledProperty"]!["value"]!.AsArray().Select(p => (string)p!));
        Assert.All(water.Append(metered).Append(device), e => Assert.StartsWith("urn:ngsi-ld:", (string)e["id"]!, StringComparison.Ordinal));
        Assert.All(water.Append(metered).Append(device), e => Assert.Contains(":hh-", (string)e["id"]!, StringComparison.Ordinal));
        Assert.All(water.Append(metered).Append(device), e => Assert.Null(e["location"]));
        Assert.All(entities, e => Assert.DoesNotContain("m-0003", e.ToJsonString(), StringComparison.Ordinal));

        // No request carries the same entity twice: each reading is its own update.
        Assert.All(broker.Requests, r => Assert.Equal(r.Entities.Count, r.Entities.Select(e => (string)e!["id"]!).Distinct().Count()));
    }

    [Fact]
    public async Task A_partial_failure_loses_nothing_and_sends_nothing_twice()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        broker.Failing = true;
        await using var gateway = await StartAsync(broker);
        foreach (var id in new[] { "aq-0005", "aq-0008", "sl-0005" })
        {
            gateway.Sites.Put(id, new DeviceSite(id.StartsWith("sl", StringComparison.Ordinal) ? "streetlight" : "airquality", Astana));
        }

        await using var node = await gateway.DeviceAsync("aq-0005");
        await using var other = await gateway.DeviceAsync("aq-0008");
        await using var light = await gateway.DeviceAsync("sl-0005");

        // A backlog in one batch: the first request holds the lamp's first status (refused for good), the other
        // node's reading (taken) and this node's first reading (failing once for a passing reason).
        await light.PublishAsync(At(Readings.Lamp(0, 30), -300));
        await other.PublishAsync(At(Readings.AirQuality(0, pm25: 8), -290));
        await node.PublishAsync(At(Readings.AirQuality(0, pm25: 20), -280));
        await light.PublishAsync(At(Readings.Lamp(1, 70), -270));
        await node.PublishAsync(At(Readings.AirQuality(1, pm25: 21), -260));
        await Eventually.TrueAsync(() => gateway.Store.Count(EdgeDevices.Gateway.Storage.Lane.Bulk) == 5, "the backlog buffered");
        broker.RefuseForGood = e => (string)e["type"]! == "Streetlight" && (double?)e["illuminanceLevel"]?["value"] == 0.3 ? "illuminanceLevel: this city's schema wants 10 % steps" : null;
        broker.FailFor("urn:ngsi-ld:AirQualityObserved:aq-0005");
        broker.Failing = false;

        await Eventually.TrueAsync(() => gateway.Store.Lag("ngsi-ld") == 0, "the backlog delivered", () => $"{broker.Entities.Count} entities");
        Assert.Empty(broker.Violations);

        // The first 207 took the other node's reading and failed this node's: the retry sent only what was not taken.
        var first = Assert.Single(broker.MultiStatusAnswers);
        Assert.Equal(["urn:ngsi-ld:AirQualityObserved:aq-0008"], first["success"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(2, first["errors"]!.AsArray().Count);
        Assert.Single(broker.Requests, r => r.Entities.Any(e => (string)e!["id"]! == "urn:ngsi-ld:AirQualityObserved:aq-0008"));

        // Every good reading taken exactly once, in order per entity.
        var taken = broker.Entities.Select(e => ((string)e["id"]!, (string?)e["dateObserved"]?["value"] ?? (string?)e["status"]?["observedAt"])).ToList();
        Assert.Equal(taken.Count, taken.Distinct().Count());
        Assert.Equal([20, 21], broker.Entities.Where(e => (string)e["id"]! == "urn:ngsi-ld:AirQualityObserved:aq-0005").Select(e => (int)e["pm25"]!["value"]!));
        Assert.Equal([0.7m], broker.Entities.Where(e => (string)e["type"]! == "Streetlight").Select(e => (decimal)e["illuminanceLevel"]!["value"]!));
        Assert.Equal(4, broker.Entities.Count);

        // The 207s were BatchOperationResults as ETSI's document shapes them.
        Assert.All(broker.MultiStatusAnswers, a => Assert.Empty(ContextBrokerStandIn.Etsi.Errors("/components/schemas/BatchOperationResult", a)));

        // The refused one is kept with the broker's reason, for the operator, under the lamp's real id.
        using var http = gateway.Http();
        var reject = Assert.Single((await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!)!;
        Assert.Equal("ngsi-ld", (string)reject["sink"]!);
        Assert.Equal("sl-0005", (string)reject["deviceId"]!);
        Assert.Equal(0, (int)reject["sequence"]!);
        Assert.Contains("illuminanceLevel: this city's schema wants 10 % steps", (string)reject["reason"]!, StringComparison.Ordinal);
        Assert.Contains("Bad Request Data", (string)reject["reason"]!, StringComparison.Ordinal);
        var health = (await http.GetFromJsonAsync<JsonObject>("healthz"))!;
        Assert.Equal(1, (int)health["sinks"]!["ngsi-ld"]!["rejected"]!);

        // Sent again while the broker still refuses it: kept, with the new answer, and not marked any more.
        broker.RefuseForGood = e => (string)e["type"]! == "Streetlight" ? "illuminanceLevel: still not 10 % steps" : null;
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/sinks/ngsi-ld/rejects/retry", null)).StatusCode);
        await Eventually.TrueAsync(async () => (string?)(await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!.Single()!["reason"] is { } r && r.Contains("still not", StringComparison.Ordinal), "the new refusal recorded");
        Assert.False((bool)(await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!.Single()!["retry"]!);

        // Once the platform takes it, the operator sends it again and it is delivered: into the lamp's history,
        // not over its newer status.
        broker.RefuseForGood = _ => null;
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/sinks/ngsi-ld/rejects/retry", null)).StatusCode);
        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!.Count == 0, "the quarantine empty");
        var (historyOf, fragment) = Assert.Single(broker.HistoryAppends);
        Assert.Equal("urn:ngsi-ld:Streetlight:sl-0005", historyOf);
        Assert.Equal(0.3m, (decimal)fragment["illuminanceLevel"]![0]!["value"]!);
        Assert.Equal(0.7m, (decimal)broker.Current("urn:ngsi-ld:Streetlight:sl-0005")!["illuminanceLevel"]!["value"]!);
        Assert.Empty(broker.Violations);

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("api/sinks/nats/rejects/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("api/sinks/ngsi-ld/rejects/retry?readingId=999999", null)).StatusCode);
    }

    [Fact]
    public async Task A_request_refused_whole_is_split_until_the_entity_at_fault_is_alone()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        broker.Failing = true;
        await using var gateway = await StartAsync(broker);
        var nodes = new List<TestDevice>();
        for (var i = 0; i < 8; i++)
        {
            var id = $"aq-01{i:00}";
            gateway.Sites.Put(id, new DeviceSite("airquality", Astana));
            var node = await gateway.DeviceAsync(id);
            nodes.Add(node);
            await node.PublishAsync(Readings.AirQuality(0, pm25: 10 + i));
        }

        // One entity makes the broker refuse any request holding it; the eight go in one request.
        broker.RefuseRequestWith = e => (int?)e["pm25"]?["value"] == 15;
        await Eventually.TrueAsync(() => gateway.Store.Count(EdgeDevices.Gateway.Storage.Lane.Bulk) == 8, "eight readings buffered");
        broker.Failing = false;
        await Eventually.TrueAsync(() => gateway.Store.Lag("ngsi-ld") == 0, "the backlog delivered");
        Assert.Equal(8, broker.RefusedRequestSizes[0]);
        Assert.Equal(1, broker.RefusedRequestSizes[^1]);
        Assert.Equal([10, 11, 12, 13, 14, 16, 17], broker.Entities.Select(e => (int)e["pm25"]!["value"]!).Order());
        var reject = Assert.Single(gateway.Services.GetRequiredService<EdgeDevices.Gateway.Northbound.SinkRejects>().List("ngsi-ld"));
        Assert.Equal("aq-0105", reject.Reading.DeviceId);
        Assert.Contains("(400)", reject.Reason, StringComparison.Ordinal);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_broker_that_refuses_everything_alike_quarantines_nothing()
    {
        // A broker (or a proxy before it) that refuses every request: the fault is the path's, not the readings'.
        await using var broker = await ContextBrokerStandIn.StartAsync();
        broker.Failing = true;
        await using var gateway = await StartAsync(broker);
        gateway.Sites.Put("aq-0300", new DeviceSite("airquality", Astana));
        await using var node = await gateway.DeviceAsync("aq-0300");
        for (var i = 0; i < 6; i++)
        {
            await node.PublishAsync(At(Readings.AirQuality(i, pm25: 10 + i), -60 + i));
        }

        await Eventually.TrueAsync(() => gateway.Store.Count(EdgeDevices.Gateway.Storage.Lane.Bulk) == 6, "six readings buffered");
        broker.RefuseRequestWith = _ => true;
        broker.Failing = false;
        await Eventually.TrueAsync(() => broker.RefusedRequestSizes.Count >= 6, "the broker refusing again and again");
        var rejects = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Northbound.SinkRejects>();
        Assert.True(rejects.Count("ngsi-ld") <= 2, $"{rejects.Count("ngsi-ld")} readings quarantined for the broker's own fault");
        Assert.True(gateway.Store.Lag("ngsi-ld") >= 4);

        // Once the path is mended, everything not quarantined is delivered.
        broker.RefuseRequestWith = _ => false;
        await Eventually.TrueAsync(() => gateway.Store.Lag("ngsi-ld") == 0, "the backlog delivered");
        Assert.Equal(6 - rejects.Count("ngsi-ld"), broker.Entities.Count);
    }

    [Fact]
    public async Task A_node_without_a_position_is_held_until_it_has_one()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        await using var gateway = await StartAsync(broker);
        await using var node = await gateway.DeviceAsync("aq-0007");
        await node.PublishAsync(At(Readings.AirQuality(0, pm25: 33), -600));
        await node.PublishAsync(new HealthReport { BootId = 1, Sequence = 1, Timestamp = Readings.Now, FirmwareMajor = 1 });

        // The health report goes (the Device model needs no location); the reading is kept with the reason.
        await Eventually.TrueAsync(() => gateway.Store.Lag("ngsi-ld") == 0, "both readings handled");
        Assert.Equal(["Device"], broker.Entities.Select(e => (string)e["type"]!));
        using var http = gateway.Http();
        var reject = Assert.Single((await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects?sink=ngsi-ld"))!)!;
        Assert.Contains("requires a location", (string)reject["reason"]!, StringComparison.Ordinal);

        // The technician records where it stands: what was held for want of it goes by itself, creating the entity.
        var site = await http.PutAsJsonAsync("api/devices/aq-0007/site", new { role = "airquality", latitude = 43.2389, longitude = 76.8897 });
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Equal(1, (int)(await site.Content.ReadFromJsonAsync<JsonObject>())!["refusedReadingsSentAgain"]!);
        await Eventually.TrueAsync(() => broker.Current("urn:ngsi-ld:AirQualityObserved:aq-0007") != null, "the reading delivered with its position");
        var air = broker.Entities.Single(e => (string)e["type"]! == "AirQualityObserved");
        Assert.Equal(33, (int)air["pm25"]!["value"]!);
        Assert.Equal([76.8897, 43.2389], air["location"]!["value"]!["coordinates"]!.AsArray().Select(c => (double)c!));
        Assert.Empty(SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(air)));
        Assert.Empty(broker.Violations);
        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!.Count == 0, "the quarantine empty");

        // Bad positions are refused with the field named.
        var bad = await http.PutAsJsonAsync("api/devices/aq-0007/site", new { latitude = 95.0, longitude = 76.8 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("latitude", (string)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["field"]!);
        var half = await http.PutAsJsonAsync("api/devices/aq-0007/site", new { latitude = 43.2 });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        var role = await http.PutAsJsonAsync("api/devices/aq-0007/site", new { role = "toaster" });
        Assert.Equal("role", (string)(await role.Content.ReadFromJsonAsync<JsonObject>())!["field"]!);
    }

    [Fact]
    public async Task A_broker_without_history_gets_a_replayed_reading_only_when_it_is_newer()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        broker.SupportsTemporal = false;
        await using var gateway = await StartAsync(broker);
        await using var node = await gateway.DeviceAsync("aq-0009");
        await node.PublishAsync(At(Readings.AirQuality(0, pm25: 33), -600));
        await Eventually.TrueAsync(() => gateway.Store.Lag("ngsi-ld") == 0, "the reading refused");

        // The position is recorded behind the API's back (no automatic retry), and a newer reading goes first.
        gateway.Sites.Put("aq-0009", new DeviceSite("airquality", Astana));
        await node.PublishAsync(At(Readings.AirQuality(1, pm25: 50), -60));
        await Eventually.TrueAsync(() => broker.Current("urn:ngsi-ld:AirQualityObserved:aq-0009") != null, "the newer reading delivered");

        using var http = gateway.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/sinks/ngsi-ld/rejects/retry", null)).StatusCode);
        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<JsonArray>("api/sinks/rejects"))!.Count == 0, "the old reading settled");

        // The broker keeps only the present: the older reading did not roll it back.
        Assert.Equal(50, (int)broker.Current("urn:ngsi-ld:AirQualityObserved:aq-0009")!["pm25"]!["value"]!);
        Assert.Single(broker.Entities);
    }

    [Fact]
    public async Task An_older_configuration_naming_one_context_still_starts_and_is_told_to_drop_it()
    {
        await using var broker = await ContextBrokerStandIn.StartAsync();
        var logs = new CapturedLogs();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?>
            {
                ["sinks:ngsiLd:enabled"] = "true",
                ["sinks:ngsiLd:url"] = broker.Url,
                ["sinks:ngsiLd:contextUrl"] = "https://raw.githubusercontent.com/smart-data-models/data-models/master/context.jsonld",
            },
            configure: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Contains("sinks.ngsiLd.contextUrl is no longer used", StringComparison.Ordinal)), "the warning about contextUrl");
    }

    private static AirQualityReading At(AirQualityReading reading, int secondsFromNow)
    {
        reading.Timestamp = (uint)(Readings.Now + secondsFromNow);
        return reading;
    }

    private static LampStatus At(LampStatus status, int secondsFromNow)
    {
        status.Timestamp = (uint)(Readings.Now + secondsFromNow);
        return status;
    }

    private readonly CapturedLogs _logs = new();

    private Task<TestGateway> StartAsync(ContextBrokerStandIn broker) => TestGateway.StartAsync(
        new Dictionary<string, string?>
        {
            ["sinks:ngsiLd:enabled"] = "true",
            ["sinks:ngsiLd:url"] = broker.Url,
            ["sinks:ngsiLd:tenant"] = "astana",
            ["sinks:retryFirstDelayMs"] = "50",
            ["sinks:retryMaxDelayMs"] = "500",
        },
        configure: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(_logs));
}
