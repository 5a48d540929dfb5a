using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.AirQuality;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using static EdgeDevices.Gateway.Northbound.NgsiLd.NgsiLdAttribute;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>
/// Readings as FIWARE Smart Data Models entities in NGSI-LD normalised form, each valid against its model's
/// official JSON Schema and naming only terms of its model's own @context (docs/ngsi-ld.md has the mapping
/// attribute by attribute):
/// an air-quality reading updates the node's <c>AirQualityObserved</c>, a lamp status its <c>Streetlight</c>,
/// each water channel its own <c>WaterConsumptionObserved</c>, each electricity, gas or heat channel its own
/// <c>SmartMeteringObservation</c>, a health report the <c>Device</c>. Measured values carry the reading's
/// <c>observedAt</c> (a temporal store keeps the history) and their UN/CEFACT <c>unitCode</c>. Other readings
/// (events, acknowledgements, energy counters) have no entity here. An entity whose model requires a
/// location is refused, with the reason, while its device has no recorded position.
/// </summary>
public sealed class SmartDataModelEntities(NgsiLdContextOptions contexts)
{
    /// <summary>The entity for <paramref name="reading"/>: none, one, or a refusal saying why it cannot be valid.</summary>
    public MappedEntity Map(StoredReading reading)
    {
        var message = JsonCodec.Decode(reading.Payload);
        var at = DateTime(reading.ObservedAt);
        var profile = reading.Profile;
        var (entity, context) = message switch
        {
            AirQualityReading aq => (AirQuality(reading.DeviceId, aq, at), contexts.Environment),
            LampStatus lamp => (Streetlight(reading.DeviceId, lamp, profile, at), contexts.Streetlighting),
            MeterReading { Medium: MeterMedium.Water } meter => (Water(reading.DeviceId, meter, at), contexts.WaterConsumption),
            MeterReading meter => (Metering(reading.DeviceId, meter, at), contexts.Device),
            HealthReport health => (Device(reading.DeviceId, health, profile, at), contexts.Device),
            _ => ((JsonObject?)null, (string?)null),
        };
        if (entity == null)
        {
            return MappedEntity.None;
        }

        var type = (string)entity["type"]!;
        if (entity["controlledProperty"] is JsonObject controlled && controlled["value"] is JsonArray { Count: 0 })
        {
            return MappedEntity.Refused($"the Device model requires what {reading.DeviceId} senses or controls, and neither its role nor its readings tell it yet: record its role (PUT /api/devices/{reading.DeviceId}/site), then send it again");
        }

        // A household's position never leaves the gateway, whatever the profile says.
        if (profile?.Location is { } location && !profile.Personal)
        {
            entity["location"] = Location(location);
        }
        else if (type is "AirQualityObserved" or "Streetlight")
        {
            return MappedEntity.Refused($"{type} requires a location and none is recorded for {reading.DeviceId}: record its position (PUT /api/devices/{reading.DeviceId}/site, or the lamp's in the lighting model), then send it again (POST /api/sinks/ngsi-ld/rejects/retry)");
        }

        // The model's context first, the core context last: core terms (location, observedAt, unitCode) win.
        entity["@context"] = new JsonArray(context, contexts.Core);
        return MappedEntity.Of(entity);
    }

    private static JsonObject AirQuality(string deviceId, AirQualityReading aq, string at)
    {
        var e = Entity($"urn:ngsi-ld:AirQualityObserved:{deviceId}", "AirQualityObserved", at);
        e["typeofLocation"] = Property("outdoor");
        var humid = (aq.Fields & AirQualityFields.Humidity) != 0 && aq.HumidityCentiPercent / 100.0 > HumidityCorrection.FlagAbovePercent;
        if ((aq.Fields & AirQualityFields.Particulates) != 0)
        {
            // Only the sizes the sensor measured: an SDS011 has no PM1, and a zero would be a false clean reading.
            var measured = new List<(Pollutant, double)>();
            if ((aq.Fields & AirQualityFields.Pm1) != 0)
            {
                e["pm1"] = Property((int)aq.Pm1, at, "GQ");
            }

            if ((aq.Fields & AirQualityFields.Pm25) != 0)
            {
                e["pm25"] = Property((int)aq.Pm25, at, "GQ");
                measured.Add((Pollutant.Pm25, aq.Pm25));
            }

            if ((aq.Fields & AirQualityFields.Pm10) != 0)
            {
                e["pm10"] = Property((int)aq.Pm10, at, "GQ");
                measured.Add((Pollutant.Pm10, aq.Pm10));
            }

            // The index of this reading's own concentrations (the hourly NowCast index is at /api/air-quality).
            if (UsAqi.Of(measured) is { } index)
            {
                e["airQualityIndex"] = Property(index.Aqi, at);
                e["airQualityLevel"] = Property(UsAqi.Category(index.Aqi), at);
            }

            // Sent with every particulate reading, so a humid spell's 0.5 does not outlive it: optical
            // counters overread in humid air, and the platform is told so rather than given it as truth.
            e["reliability"] = Property(humid ? 0.5 : 1.0, at);
        }

        if ((aq.Fields & AirQualityFields.Temperature) != 0)
        {
            e["temperature"] = Property(aq.TemperatureCentiCelsius / 100m, at, "CEL");
        }

        if ((aq.Fields & AirQualityFields.Humidity) != 0)
        {
            // The model's relative humidity is a fraction 0–1 (unit "one").
            e["relativeHumidity"] = Property(Math.Clamp(aq.HumidityCentiPercent, 0, 10_000) / 10_000m, at, "C62");
        }

        if ((aq.Fields & AirQualityFields.Pressure) != 0)
        {
            e["pressure"] = Property(aq.PressurePascal / 100m, at, "A97");
        }

        e["refDevice"] = Relationship(DeviceUrn(deviceId));
        return e;
    }

    private static JsonObject Streetlight(string deviceId, LampStatus lamp, DeviceProfile? profile, string at)
    {
        // The Streetlight model has no dateObserved: each measured attribute carries its observedAt.
        var e = new JsonObject { ["id"] = $"urn:ngsi-ld:Streetlight:{deviceId}", ["type"] = "Streetlight" };
        e["status"] = Property(StreetlightStatus.Of(lamp.Faults), at);
        e["powerState"] = Property(lamp.RelayOn ? "on" : "off", at);
        e["illuminanceLevel"] = Property(lamp.Level / 100m, at);
        if (lamp.HasPower)
        {
            e["powerConsumption"] = Property(lamp.PowerDeciWatt / 10m, at, "WTT");
        }

        if (profile?.RatedWatts is { } rated)
        {
            e["powerRating"] = Property(rated, unitCode: "WTT");
        }

        // Each lamp has its own controller; groups share schedules, not switching.
        e["controllingMethod"] = Property("individual");
        if (profile?.LampGroup is { } group)
        {
            // A group's name may be any text ("Абай даңғылы"): percent-encoded, it is a valid URN.
            e["refStreetlightGroup"] = Relationship($"urn:ngsi-ld:StreetlightGroup:{Uri.EscapeDataString(group)}");
        }

        e["refDevice"] = Relationships([DeviceUrn(deviceId)]);
        return e;
    }

    // One entity per channel: two channels of a meter are two observations, never one attribute overwritten.
    private static JsonObject Water(string deviceId, MeterReading meter, string at)
    {
        var e = new JsonObject
        {
            ["id"] = $"urn:ngsi-ld:WaterConsumptionObserved:{deviceId}-{meter.Channel}",
            ["type"] = "WaterConsumptionObserved",
        };

        // The model's waterConsumption is an integer; in whole cubic metres a household's day would vanish,
        // so it goes in litres (thousandths of a cubic metre), said by its unitCode.
        e["waterConsumption"] = Property(meter.TotalMilli, at, "LTR");
        return e;
    }

    private static JsonObject Metering(string deviceId, MeterReading meter, string at)
    {
        var e = Entity($"urn:ngsi-ld:SmartMeteringObservation:{deviceId}-{meter.Channel}", "SmartMeteringObservation", at);
        var (meterType, unit) = meter.Medium switch
        {
            MeterMedium.Electricity => ("Electricity", "KWH"),
            MeterMedium.Heat => ("Heat", "KWH"),
            _ => ("Gas", "MTQ"),
        };
        e["meterType"] = Property(meterType);
        e["totalConsumption"] = Property(meter.TotalMilli / 1000m, at, unit);
        e["refDevice"] = Relationship(DeviceUrn(deviceId));
        return e;
    }

    private static JsonObject Device(string deviceId, HealthReport health, DeviceProfile? profile, string at)
    {
        var e = new JsonObject
        {
            ["id"] = DeviceUrn(deviceId),
            ["type"] = "Device",
            ["controlledProperty"] = Property(new JsonArray([.. ControlledProperties(profile).Select(p => (JsonNode)p)])),
        };
        if (Category(profile?.Role) is { } category)
        {
            e["deviceCategory"] = Property(new JsonArray(category));
        }

        e["supportedProtocol"] = Property(new JsonArray(profile?.Transport == "lorawan" ? "lora" : "mqtt"));
        e["firmwareVersion"] = Property($"{health.FirmwareMajor}.{health.FirmwareMinor}.{health.FirmwarePatch}", at);
        e["dateLastValueReported"] = Property(at);
        e["deviceState"] = Property("ok", at);
        if (health.Rssi != 0)
        {
            e["rssi"] = Property((int)health.Rssi, at);
        }

        return e;
    }

    /// <summary>What a device senses or controls, in the Device model's enumeration.</summary>
    public static IReadOnlyList<string> ControlledProperties(DeviceProfile? profile) => profile?.Role switch
    {
        "streetlight" => ["light", "power", "energy"],
        "airquality" => ["airPollution", "temperature", "humidity", "atmosphericPressure"],
        "meter" => [.. (profile.Media ?? []).Select(m => m switch
        {
            MeterMedium.Electricity => "electricityConsumption",
            MeterMedium.Water => "waterConsumption",
            MeterMedium.Gas => "gasConsumption",
            _ => "energy",
        }).Distinct()],
        _ => [],
    };

    private static string? Category(string? role) => role switch
    {
        "streetlight" => "actuator",
        "airquality" => "sensor",
        "meter" => "meter",
        _ => null,
    };

    private static string DeviceUrn(string deviceId) => $"urn:ngsi-ld:Device:{deviceId}";

    private static JsonObject Entity(string id, string type, string at) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["dateObserved"] = Property(at),
    };
}

/// <summary>What a reading becomes at the context broker: nothing, an entity, or a refusal with its reason.</summary>
public readonly record struct MappedEntity(JsonObject? Entity, string? Refusal)
{
    /// <summary>The reading has no entity (nothing to send, nothing refused).</summary>
    public static MappedEntity None => default;

    /// <summary>An entity to send.</summary>
    public static MappedEntity Of(JsonObject entity) => new(entity, null);

    /// <summary>The reading cannot become a valid entity: why.</summary>
    public static MappedEntity Refused(string reason) => new(null, reason);
}
