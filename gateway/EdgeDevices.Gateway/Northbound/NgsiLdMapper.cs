using EdgeDevices.Gateway.AirQuality;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Readings as FIWARE Smart Data Models entities in NGSI-LD normalised form: an air-quality reading updates
/// the node's <c>AirQualityObserved</c>, a lamp status its <c>Streetlight</c>, a water meter's total its
/// <c>WaterConsumptionObserved</c>, a health report its <c>Device</c>. Every property carries the reading's
/// <c>observedAt</c>, so a temporal store keeps the history. Other readings (energy counters, events,
/// acknowledgements, electricity/gas/heat totals, which are household data) have no entity here and are
/// not sent.
/// </summary>
public static class NgsiLdMapper
{
    /// <summary>The entity update for <paramref name="reading"/>, or null when it has none.</summary>
    public static JsonObject? Map(StoredReading reading, string contextUrl)
    {
        var message = JsonCodec.Decode(reading.Payload);
        var at = reading.ObservedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var device = $"urn:ngsi-ld:Device:{reading.DeviceId}";
        JsonObject? entity = message switch
        {
            AirQualityReading aq => AirQuality(reading.DeviceId, aq, at),
            LampStatus lamp => Streetlight(reading.DeviceId, lamp, at),
            MeterReading { Medium: MeterMedium.Water } meter => Water(reading.DeviceId, meter, at),
            MeterReading meter => Measurement(reading.DeviceId, meter, at),
            HealthReport health => Device(reading.DeviceId, health, at),
            _ => null,
        };
        if (entity == null)
        {
            return null;
        }

        if (message is not HealthReport)
        {
            entity["refDevice"] = new JsonObject { ["type"] = "Relationship", ["object"] = device };
        }

        entity["@context"] = new JsonArray(contextUrl, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld");
        return entity;
    }

    private static JsonObject AirQuality(string deviceId, AirQualityReading aq, string at)
    {
        var e = Entity($"urn:ngsi-ld:AirQualityObserved:{deviceId}", "AirQualityObserved", at);
        if ((aq.Fields & AirQualityFields.Particulates) != 0)
        {
            e["pm1"] = Property(aq.Pm1, at, "GQ");
            e["pm25"] = Property(aq.Pm25, at, "GQ");
            e["pm10"] = Property(aq.Pm10, at, "GQ");

            // The index of this reading's own concentrations (the gateway's hourly NowCast index is at /api/air-quality).
            if (UsAqi.Of([(Pollutant.Pm25, aq.Pm25), (Pollutant.Pm10, aq.Pm10)]) is { } index)
            {
                e["airQualityIndex"] = Property(index.Aqi, at);
                e["airQualityLevel"] = Property(UsAqi.Category(index.Aqi), at);
            }

            if ((aq.Fields & AirQualityFields.Humidity) != 0 && aq.HumidityCentiPercent / 100.0 > HumidityCorrection.FlagAbovePercent)
            {
                // Optical counters overread in humid air: say so rather than pass it on as truth.
                e["reliability"] = Property(0.5, at);
            }
        }

        if ((aq.Fields & AirQualityFields.Temperature) != 0)
        {
            e["temperature"] = Property(aq.TemperatureCentiCelsius / 100m, at, "CEL");
        }

        if ((aq.Fields & AirQualityFields.Humidity) != 0)
        {
            e["relativeHumidity"] = Property(aq.HumidityCentiPercent / 10000m, at, "P1");
        }

        if ((aq.Fields & AirQualityFields.Pressure) != 0)
        {
            e["atmosphericPressure"] = Property(aq.PressurePascal / 100m, at, "A97");
        }

        return e;
    }

    private static JsonObject Streetlight(string deviceId, LampStatus lamp, string at)
    {
        var e = Entity($"urn:ngsi-ld:Streetlight:{deviceId}", "Streetlight", at);
        e["powerState"] = Property(lamp.RelayOn ? "on" : "off", at);
        e["illuminanceLevel"] = Property(lamp.Level / 100m, at);
        e["status"] = Property((lamp.Faults & LampFaults.LampFailure) != 0 ? "defectiveLamp" : "ok", at);
        if (lamp.HasPower)
        {
            e["powerConsumption"] = Property(lamp.PowerDeciWatt / 10m, at, "WTT");
        }

        return e;
    }

    private static JsonObject Water(string deviceId, MeterReading meter, string at)
    {
        var e = Entity($"urn:ngsi-ld:WaterConsumptionObserved:{deviceId}-{meter.Channel}", "WaterConsumptionObserved", at);

        // Thousandths of a cubic metre are litres.
        e["waterConsumption"] = Property(meter.TotalMilli, at, "LTR");
        return e;
    }

    // Electricity, heat and gas as measurements of the meter's Device entity (Smart Data Models has no
    // consumption-observed type for them): the register in "value", what it measures in "controlledProperty".
    private static JsonObject Measurement(string deviceId, MeterReading meter, string at)
    {
        var e = Entity($"urn:ngsi-ld:Device:{deviceId}", "Device", at);
        var (property, unit) = meter.Medium switch
        {
            MeterMedium.Electricity => ("electricity", "KWH"),
            MeterMedium.Heat => ("heat", "KWH"),
            _ => ("gas", "MTQ"),
        };
        e["controlledProperty"] = Property(new JsonArray(property), at);
        e["value"] = Property((meter.TotalMilli / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture), at, unit);
        e["dateLastValueReported"] = new JsonObject { ["type"] = "Property", ["value"] = new JsonObject { ["@type"] = "DateTime", ["@value"] = at } };
        return e;
    }

    private static JsonObject Device(string deviceId, HealthReport health, string at)
    {
        var e = Entity($"urn:ngsi-ld:Device:{deviceId}", "Device", at);
        e["firmwareVersion"] = Property($"{health.FirmwareMajor}.{health.FirmwareMinor}.{health.FirmwarePatch}", at);
        e["dateLastValueReported"] = new JsonObject { ["type"] = "Property", ["value"] = new JsonObject { ["@type"] = "DateTime", ["@value"] = at } };
        e["deviceState"] = Property("ok", at);
        if (health.Rssi != 0)
        {
            e["rssi"] = Property(health.Rssi, at, "2N");
        }

        return e;
    }

    private static JsonObject Entity(string id, string type, string at) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["dateObserved"] = new JsonObject { ["type"] = "Property", ["value"] = new JsonObject { ["@type"] = "DateTime", ["@value"] = at } },
    };

    private static JsonObject Property(JsonNode? value, string at, string? unitCode = null)
    {
        var p = new JsonObject { ["type"] = "Property", ["value"] = value, ["observedAt"] = at };
        if (unitCode != null)
        {
            p["unitCode"] = unitCode;
        }

        return p;
    }
}
