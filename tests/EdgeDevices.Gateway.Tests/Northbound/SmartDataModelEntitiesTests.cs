using EdgeDevices.Gateway.Tests.References;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Northbound.NgsiLd;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>
/// Every entity type the gateway emits, against the official references: valid against its model's JSON
/// Schema once simplified, every attribute a term its model's own @context defines (under the contexts the
/// entity names, to the same IRI), units in UN/CEFACT codes, a GeoJSON location wherever the device has a
/// position, one entity per meter channel, and each lamp fault a status of the model's enumeration.
/// </summary>
public sealed class SmartDataModelEntitiesTests
{
    private static readonly GeoPoint Astana = new(51.1694, 71.4491);
    private static readonly SmartDataModelEntities Entities = new(new NgsiLdContextOptions());

    // The contexts each model's own examples name (its context and the core), in the order NGSI-LD applies them.
    private static readonly Dictionary<string, string> ModelContext = new(StringComparer.Ordinal)
    {
        ["AirQualityObserved"] = "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld",
        ["Streetlight"] = "https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/master/context.jsonld",
        ["Device"] = "https://raw.githubusercontent.com/smart-data-models/dataModel.Device/master/context.jsonld",
        ["SmartMeteringObservation"] = "https://raw.githubusercontent.com/smart-data-models/dataModel.Device/master/context.jsonld",
        ["WaterConsumptionObserved"] = "https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/master/context.jsonld",
    };

    public static TheoryData<string, Message, DeviceProfile> EveryEntity => new()
    {
        { "aq-0001", Readings.AirQuality(1, pm25: 41), new DeviceProfile("airquality", Astana, "mqtt") },
        { "aq-0002", new AirQualityReading { BootId = 1, Sequence = 2, Timestamp = Readings.Now, Fields = AirQualityFields.Temperature | AirQualityFields.Pressure, TemperatureCentiCelsius = 2210, PressurePascal = 106_600 }, new DeviceProfile("airquality", Astana, "lorawan") },
        { "aq-0004", PmOnly(AirQualityFields.Pm25 | AirQualityFields.Pm10), new DeviceProfile("airquality", Astana, "mqtt") },
        { "aq-0005", PmOnly(AirQualityFields.Pm25), new DeviceProfile("airquality", Astana, "lorawan") },
        { "sl-0001", Readings.Lamp(1, 70), new DeviceProfile("streetlight", Astana, "mqtt", "avenue-north", "led-100", 100) },
        { "sl-0002", Readings.Lamp(2, 0, LampFaults.RelayFailure), new DeviceProfile("streetlight", Astana, "lorawan") },
        { "m-0001", Readings.Meter(1, 191_051), new DeviceProfile("meter", null, "mqtt", Media: [MeterMedium.Water]) },
        { "m-0002", Readings.Meter(1, 1_234_567, medium: MeterMedium.Electricity), new DeviceProfile("meter", null, "mqtt", Media: [MeterMedium.Electricity]) },
        { "m-0003", Readings.Meter(1, 42_000, medium: MeterMedium.Gas), new DeviceProfile("meter", null, "mqtt", Media: [MeterMedium.Gas]) },
        { "m-0004", Readings.Meter(1, 9_000_500, medium: MeterMedium.Heat), new DeviceProfile("meter", Astana, "mqtt", Media: [MeterMedium.Heat]) },
        { "sl-0003", Health(), new DeviceProfile("streetlight", Astana, "mqtt") },
        { "aq-0003", Health(), new DeviceProfile("airquality", Astana, "lorawan") },
        { "m-0005", Health(), new DeviceProfile("meter", null, "mqtt", Media: [MeterMedium.Water, MeterMedium.Electricity, MeterMedium.Gas, MeterMedium.Heat]) },
    };

    [Theory]
    [MemberData(nameof(EveryEntity))]
    public void Every_entity_is_valid_against_its_official_schema(string deviceId, Message message, DeviceProfile profile)
    {
        var entity = Map(deviceId, message, profile);
        var errors = SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(entity));
        Assert.True(errors.Count == 0, $"{entity["type"]}:\n{string.Join("\n", errors)}\n{entity.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(EveryEntity))]
    public void Every_term_expands_to_the_models_own_iri(string deviceId, Message message, DeviceProfile profile)
    {
        var entity = Map(deviceId, message, profile);
        var type = (string)entity["type"]!;
        var sent = JsonLdContext.OfDocument(entity);
        var model = JsonLdContext.Of(new JsonArray(ModelContext[type], JsonLdContext.Core));
        foreach (var term in entity.Select(a => a.Key).Where(k => !k.StartsWith('@')).Append(type))
        {
            Assert.True(model.Defines(term), $"{type}.{term} is not a term of the model's context (it would fall to {model.Expand(term)})");
            Assert.Equal(model.Expand(term), sent.Expand(term));
            Assert.DoesNotContain("/ngsi-ld/default-context/", sent.Expand(term), StringComparison.Ordinal);
        }

        // Sub-attributes (type, value, object, observedAt, unitCode) are keywords or core terms.
        foreach (var sub in entity.Select(a => a.Value).OfType<JsonObject>().SelectMany(a => a.Select(s => s.Key)).Distinct())
        {
            var iri = sent.Expand(sub) ?? sub;
            Assert.True(iri.StartsWith('@') || iri.StartsWith("https://uri.etsi.org/ngsi-ld/", StringComparison.Ordinal) && !iri.Contains("default-context", StringComparison.Ordinal), $"{sub} expands to {iri}");
        }
    }

    [Fact]
    public void A_device_with_a_position_yields_geojson_and_one_without_is_refused_where_the_model_needs_it()
    {
        var air = Map("aq-0001", Readings.AirQuality(1), new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.Equal("GeoProperty", (string)air["location"]!["type"]!);
        Assert.Equal("Point", (string)air["location"]!["value"]!["type"]!);
        Assert.Equal([71.4491, 51.1694], air["location"]!["value"]!["coordinates"]!.AsArray().Select(c => (double)c!));

        var device = Map("sl-0003", Health(), new DeviceProfile("streetlight", Astana, "mqtt"));
        Assert.NotNull(device["location"]);

        var nowhere = Entities.Map(Stored("aq-0009", Readings.AirQuality(1), new DeviceProfile("airquality", null, "mqtt")));
        Assert.Null(nowhere.Entity);
        Assert.Contains("requires a location", nowhere.Refusal, StringComparison.Ordinal);
        Assert.Contains("aq-0009", nowhere.Refusal, StringComparison.Ordinal);
        Assert.Contains("/api/devices/aq-0009/site", nowhere.Refusal, StringComparison.Ordinal);
        Assert.NotNull(Entities.Map(Stored("sl-0009", Readings.Lamp(1), new DeviceProfile("streetlight", null, "mqtt"))).Refusal);

        // The Device model does not need one: a health report of a device without a position is still sent.
        Assert.Null(Map("aq-0009", Health(), new DeviceProfile("airquality", null, "mqtt"))["location"]);
    }

    [Fact]
    public void Only_the_particle_sizes_a_sensor_measured_are_sent_and_the_index_comes_from_them()
    {
        // An SDS011: PM2.5 and PM10, no PM1 (a 0 would tell the platform the air is clean).
        var sds = Map("aq-0004", PmOnly(AirQualityFields.Pm25 | AirQualityFields.Pm10), new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.Null(sds["pm1"]);
        Assert.Equal(41, (int)sds["pm25"]!["value"]!);
        Assert.Equal(60, (int)sds["pm10"]!["value"]!);

        // PM2.5 only: 41 µg/m³ is AQI (150 − 101) / (55.4 − 35.5) · (41.0 − 35.5) + 101 = 114.5 → 115 (EPA-454/B-24-002, Table 6).
        var pm25 = Map("aq-0005", PmOnly(AirQualityFields.Pm25), new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.Null(pm25["pm1"]);
        Assert.Null(pm25["pm10"]);
        Assert.Equal(115, (int)pm25["airQualityIndex"]!["value"]!);

        // PM10 only: 60 µg/m³ is in 55–154 → (100 − 51) / (154 − 55) · (60 − 55) + 51 = 53.47 → 53.
        var pm10 = Map("aq-0006", PmOnly(AirQualityFields.Pm10), new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.Null(pm10["pm25"]);
        Assert.Equal(53, (int)pm10["airQualityIndex"]!["value"]!);
    }

    [Fact]
    public void Each_meter_channel_is_its_own_observation()
    {
        var water0 = Readings.Meter(1, 1_000);
        var water1 = Readings.Meter(2, 2_000);
        water1.Channel = 1;
        var power = Readings.Meter(3, 5_500, medium: MeterMedium.Electricity);
        power.Channel = 2;
        var profile = new DeviceProfile("meter", null, "mqtt");
        var entities = new[] { water0, water1, power }.Select(m => Map("hh-0a1b", m, profile)).ToList();
        Assert.Equal(
            ["urn:ngsi-ld:WaterConsumptionObserved:hh-0a1b-0", "urn:ngsi-ld:WaterConsumptionObserved:hh-0a1b-1", "urn:ngsi-ld:SmartMeteringObservation:hh-0a1b-2"],
            entities.Select(e => (string)e["id"]!));
        Assert.Equal(1_000, (long)entities[0]["waterConsumption"]!["value"]!);
        Assert.Equal("LTR", (string)entities[0]["waterConsumption"]!["unitCode"]!);
        Assert.Equal(5.5m, (decimal)entities[2]["totalConsumption"]!["value"]!);
        Assert.Equal("KWH", (string)entities[2]["totalConsumption"]!["unitCode"]!);
        Assert.Equal("Electricity", (string)entities[2]["meterType"]!["value"]!);
        Assert.All(entities, e => Assert.DoesNotContain("\"value\":{\"type\"", e.ToJsonString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(LampFaults.None, "ok")]
    [InlineData(LampFaults.LampFailure, "defectiveLamp")]
    [InlineData(LampFaults.CyclingFailure, "defectiveLamp")]
    [InlineData(LampFaults.PowerTooHigh, "defectiveLamp")]
    [InlineData(LampFaults.PowerTooLow, "defectiveLamp")]
    [InlineData(LampFaults.DimmingFailure, "brokenLantern")]
    [InlineData(LampFaults.UnexpectedOn, "brokenLantern")]
    [InlineData(LampFaults.RelayFailure, "brokenLantern")]
    [InlineData(LampFaults.MeteringFailure, "brokenLantern")]
    [InlineData(LampFaults.RelayFailure | LampFaults.LampFailure, "defectiveLamp")]
    public void Every_lamp_fault_is_a_status_of_the_model(LampFaults faults, string status)
    {
        var light = Map("sl-0001", Readings.Lamp(1, 70, faults), new DeviceProfile("streetlight", Astana, "mqtt"));
        Assert.Equal(status, (string)light["status"]!["value"]!);
        Assert.Empty(SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(light)));
    }

    [Fact]
    public void Every_fault_bit_has_a_status_other_than_ok()
    {
        foreach (var fault in Enum.GetValues<LampFaults>().Where(f => f != LampFaults.None))
        {
            Assert.NotEqual("ok", StreetlightStatus.Of(fault));
        }
    }

    [Fact]
    public void A_device_whose_role_is_unknown_gets_no_device_entity_that_would_say_nothing()
    {
        var unknown = Entities.Map(Stored("x-0001", Health(), new DeviceProfile(null, null, "mqtt")));
        Assert.Null(unknown.Entity);
        Assert.Contains("PUT /api/devices/x-0001/site", unknown.Refusal, StringComparison.Ordinal);
        var meterWithoutReadings = Entities.Map(Stored("m-0009", Health(), new DeviceProfile("meter", null, "mqtt", Media: [])));
        Assert.NotNull(meterWithoutReadings.Refusal);
    }

    [Fact]
    public void A_household_never_gets_a_location_whatever_its_profile_holds()
    {
        var household = new DeviceProfile("meter", Astana, "mqtt", Media: [MeterMedium.Water], Personal: true);
        Assert.Null(Map("hh-0a1b", Readings.Meter(1, 1_000), household)["location"]);
        Assert.Null(Map("hh-0a1b", Health(), household)["location"]);
    }

    [Fact]
    public void A_group_named_in_any_script_is_a_valid_reference()
    {
        var light = Map("sl-0001", Readings.Lamp(1, 70), new DeviceProfile("streetlight", Astana, "mqtt", "Абай даңғылы"));
        var group = (string)light["refStreetlightGroup"]!["object"]!;
        Assert.True(Uri.TryCreate(group, UriKind.Absolute, out _) && group.All(c => c is > ' ' and < (char)127), group);
        Assert.Equal("Абай даңғылы", Uri.UnescapeDataString(group["urn:ngsi-ld:StreetlightGroup:".Length..]));
        Assert.Empty(SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(light)));
    }

    [Fact]
    public void The_default_contexts_are_the_copies_the_tests_check_against()
    {
        var contexts = new NgsiLdContextOptions();
        foreach (var url in new[] { contexts.Core, contexts.Environment, contexts.Streetlighting, contexts.Device, contexts.WaterConsumption })
        {
            Assert.Contains(url, JsonLdContext.Documents.Keys);
            Assert.DoesNotContain("/master/", url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Units_follow_the_models_and_humidity_is_a_fraction()
    {
        var air = Map("aq-0001", Readings.AirQuality(1), new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.Equal(0.63m, (decimal)air["relativeHumidity"]!["value"]!);
        Assert.Equal("C62", (string)air["relativeHumidity"]!["unitCode"]!);
        Assert.Equal("GQ", (string)air["pm25"]!["unitCode"]!);
        Assert.Equal(7, (int)air["pm1"]!["value"]!);
        Assert.Equal("CEL", (string)air["temperature"]!["unitCode"]!);
        Assert.Equal(973m, (decimal)air["pressure"]!["value"]!);
        Assert.Equal("A97", (string)air["pressure"]!["unitCode"]!);
        Assert.Null(air["atmosphericPressure"]);
        Assert.Equal("urn:ngsi-ld:Device:aq-0001", (string)air["refDevice"]!["object"]!);

        var light = Map("sl-0001", Readings.Lamp(1, 70), new DeviceProfile("streetlight", Astana, "mqtt", "avenue-north", "led-100", 100));
        Assert.Equal("WTT", (string)light["powerConsumption"]!["unitCode"]!);
        Assert.Equal(100, (int)light["powerRating"]!["value"]!);
        Assert.Equal(["urn:ngsi-ld:Device:sl-0001"], light["refDevice"]!["object"]!.AsArray().Select(o => (string)o!));
        Assert.Equal("urn:ngsi-ld:StreetlightGroup:avenue-north", (string)light["refStreetlightGroup"]!["object"]!);
    }

    [Fact]
    public void Reliability_is_stated_with_every_particulate_reading_so_a_humid_spell_does_not_outlive_itself()
    {
        var profile = new DeviceProfile("airquality", Astana, "mqtt");
        var humid = Readings.AirQuality(1);
        humid.HumidityCentiPercent = 9200;
        var dry = Readings.AirQuality(2);
        dry.HumidityCentiPercent = 4000;
        Assert.Equal(0.5, (double)Map("aq-0001", humid, profile)["reliability"]!["value"]!);
        Assert.Equal(1.0, (double)Map("aq-0001", dry, profile)["reliability"]!["value"]!);
    }

    [Fact]
    public void The_device_says_what_it_controls_in_the_models_enumeration()
    {
        Assert.Equal(["light", "power", "energy"], SmartDataModelEntities.ControlledProperties(new DeviceProfile("streetlight", null, "mqtt")));
        Assert.Equal(["waterConsumption", "electricityConsumption"], SmartDataModelEntities.ControlledProperties(new DeviceProfile("meter", null, "mqtt", Media: [MeterMedium.Water, MeterMedium.Electricity])));
        var device = Map("aq-0003", Health(), new DeviceProfile("airquality", Astana, "lorawan"));
        Assert.Equal(["lora"], device["supportedProtocol"]!["value"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(["sensor"], device["deviceCategory"]!["value"]!.AsArray().Select(p => (string)p!));
        Assert.Null(device["value"]);
    }

    [Fact]
    public void Beyond_the_scale_the_index_is_still_sent_and_hazardous()
    {
        var smog = Readings.AirQuality(1, pm25: 420);
        var air = Map("aq-0001", smog, new DeviceProfile("airquality", Astana, "mqtt"));
        Assert.True((int)air["airQualityIndex"]!["value"]! > 500);
        Assert.Equal("hazardous", (string)air["airQualityLevel"]!["value"]!);
        Assert.Empty(SmartDataModelSchemas.Instance.Errors(NgsiLdSimplified.Of(air)));
    }

    private static HealthReport Health() => new() { BootId = 1, Sequence = 9, Timestamp = Readings.Now, Rssi = -71, FirmwareMajor = 0, FirmwareMinor = 4, FirmwarePatch = 2, FreeHeapBytes = 90_000 };

    private static JsonObject Map(string deviceId, Message message, DeviceProfile profile)
    {
        var mapped = Entities.Map(Stored(deviceId, message, profile));
        Assert.True(mapped.Entity != null, mapped.Refusal ?? "no entity");
        return mapped.Entity!;
    }

    private static StoredReading Stored(string deviceId, Message message, DeviceProfile profile) =>
        new(1, deviceId, message.BootId, message.Sequence, message.Type, Lanes.Of(message.Type), message.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), JsonCodec.Encode(message)) { Profile = profile };

    private static AirQualityReading PmOnly(AirQualityFields fields) => new()
    {
        BootId = 1,
        Sequence = 3,
        Timestamp = Readings.Now,
        Fields = fields,
        Pm25 = 41,
        Pm10 = 60,
    };
}
