using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// Air-quality analytics per node. Each particulate reading is kept (beyond the buffer's life), with the sizes
/// it measured: a PM2.5-only or PM10-only sensor is assessed on what it has (an index needs one of them); an
/// assessment takes hourly means of the last 12 hours, the NowCast of each PM size and the US AQI from them;
/// readings above 70 % RH are flagged, implausible values are flagged and left out, and a value that has not
/// moved for hours marks the sensor stuck. An alert starts when the AQI has stayed at or above the alert
/// level for the minimum duration and ends only below the lower clear level (hysteresis); it opens an
/// alarm and goes to the platform as an <c>airQualityAlert</c> event of the node through the buffer's
/// urgent lane, ahead of bulk telemetry (boot id 0 marks events the gateway raised).
/// </summary>
public sealed class AirQualityMonitor(BufferDatabase database, BufferStore store, AlarmBook alarms, IOptions<AirQualityOptions> airQuality, IOptions<LightingOptions> lighting, TimeProvider time) : IIngestObserver
{
    private const string AlertCode = "airQualityAlert";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _aboveSince = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        const AirQualityFields assessed = AirQualityFields.Pm25 | AirQualityFields.Pm10;
        if (message is not AirQualityReading aq || (aq.Fields & assessed) == 0)
        {
            return;
        }

        var at = aq.Timestamp != 0 ? DateTimeOffset.FromUnixTimeSeconds(aq.Timestamp) : DateTimeOffset.FromUnixTimeMilliseconds(receivedAtMs);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR REPLACE INTO aq_samples(device_id, device_time, pm1, pm25, pm10, humidity) VALUES($d, $t, $p1, $p25, $p10, $h)";
            command.Parameters.AddWithValue("$p1", (aq.Fields & AirQualityFields.Pm1) != 0 ? (double)aq.Pm1 : DBNull.Value);
            command.Parameters.AddWithValue("$d", deviceId);
            command.Parameters.AddWithValue("$t", at.ToUnixTimeSeconds());
            command.Parameters.AddWithValue("$p25", (aq.Fields & AirQualityFields.Pm25) != 0 ? (double)aq.Pm25 : DBNull.Value);
            command.Parameters.AddWithValue("$p10", (aq.Fields & AirQualityFields.Pm10) != 0 ? (double)aq.Pm10 : DBNull.Value);
            command.Parameters.AddWithValue("$h", (aq.Fields & AirQualityFields.Humidity) != 0 ? aq.HumidityCentiPercent / 100.0 : DBNull.Value);
            command.ExecuteNonQuery();
        }

        // On every reading only what the alert needs (the NowCast's 12 hours), not the week of WHO days.
        Alert(deviceId, Assess(deviceId, at, withWhoDays: false));
    }

    /// <summary>The assessment of <paramref name="deviceId"/> at <paramref name="at"/> (default: now).</summary>
    public NodeAssessment Assess(string deviceId, DateTimeOffset? at = null, bool withWhoDays = true)
    {
        var now = at ?? time.GetUtcNow();
        var settings = airQuality.Value;
        var corrected = settings.HumidityCorrectedNodes.Contains(deviceId, StringComparer.Ordinal);
        var window = TimeSpan.FromHours(new[] { 12, settings.StuckHours, settings.KazakhIndexHours, EuropeanAqi.AveragingHours(settings.European, Pollutant.Pm10) }.Max());
        var samples = Samples(deviceId, now - (withWhoDays ? TimeSpan.FromDays(7) : window), now);
        var flags = new List<string>();

        var last = samples.LastOrDefault();
        if (last.Humidity > HumidityCorrection.FlagAbovePercent)
        {
            flags.Add("humidityHigh");
        }

        if (samples.Any(s => s.Time > now.AddHours(-1) && (s.Pm25 > settings.MaxPlausiblePm || s.Pm10 > settings.MaxPlausiblePm)))
        {
            flags.Add("outOfRange");
        }

        var recent = samples.Where(s => s.Time > now.AddHours(-settings.StuckHours)).ToList();
        var coveredHours = recent.Select(s => (long)(now - s.Time).TotalHours).Distinct().Count();
        if (coveredHours >= settings.StuckHours && recent.Select(s => s.Pm25 ?? s.Pm10).Distinct().Count() == 1)
        {
            flags.Add("stuck");
        }

        // A size the sensor does not measure (null) is no reason to drop the other. The EPA's correction is for a
        // PMS5003's atmospheric PM2.5: a sample without PM1 comes from an SDS011 and stays as measured.
        var plausible = samples.Where(s => !(s.Pm25 > settings.MaxPlausiblePm) && !(s.Pm10 > settings.MaxPlausiblePm))
            .Select(s => s with { Pm25 = corrected && s.Pm1 != null && s.Humidity is { } rh && s.Pm25 is { } raw ? HumidityCorrection.EpaPm25(raw, rh) : s.Pm25 })
            .ToList();
        var pm25 = NowCast.Compute(Pollutant.Pm25, HourlyMeans(plausible, now, s => s.Pm25));
        var pm10 = NowCast.Compute(Pollutant.Pm10, HourlyMeans(plausible, now, s => s.Pm10));
        var concentrations = new List<(Pollutant, double)>();
        if (pm25 is { } a && !flags.Contains("stuck"))
        {
            concentrations.Add((Pollutant.Pm25, a));
        }

        if (pm10 is { } b && !flags.Contains("stuck"))
        {
            concentrations.Add((Pollutant.Pm10, b));
        }

        var aqi = UsAqi.Of(concentrations);
        var edition = settings.European;
        int? band = null;
        foreach (var pollutant in new[] { Pollutant.Pm25, Pollutant.Pm10 })
        {
            if (EuropeanMean(plausible, now, edition, pollutant) is { } mean && EuropeanAqi.Band(edition, pollutant, mean) is { } bandOf)
            {
                band = Math.Max(band ?? 0, bandOf);
            }
        }

        var kazakh = KazhydrometIndex.Assess(plausible
            .Where(s => s.Time > now.AddHours(-settings.KazakhIndexHours))
            .SelectMany(s => new[] { (s.Time, Pollutant.Pm25, s.Pm25), (s.Time, Pollutant.Pm10, s.Pm10) })
            .Where(v => v.Item3 != null)
            .Select(v => (v.Time, v.Item2, v.Item3!.Value)));

        var offset = TimeSpan.FromMinutes(lighting.Value.UtcOffsetMinutes);
        var whoDays = !withWhoDays ? [] : plausible
            .GroupBy(s => DateOnly.FromDateTime(s.Time.ToOffset(offset).DateTime))
            .Where(d => d.Key < DateOnly.FromDateTime(now.ToOffset(offset).DateTime))
            .Where(d => (d.Average(s => s.Pm25) is { } p25 && WhoGuidelines.Exceeds(Pollutant.Pm25, p25)) || (d.Average(s => s.Pm10) is { } p10 && WhoGuidelines.Exceeds(Pollutant.Pm10, p10)))
            .Select(d => d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToList();

        return new NodeAssessment(deviceId, now, pm25, pm10, aqi?.Aqi, aqi is { } x ? Name(x.Dominant) : null, aqi is { } y ? UsAqi.Category(y.Aqi) : null,
            band is { } i ? EuropeanAqi.Bands[i] : null, EuropeanAqi.Name(edition), kazakh, corrected && samples.Any(s => s.Pm1 != null), flags, whoDays);
    }

    /// <summary>The node's NowCast PM and AQI at the end of each of the last <paramref name="hours"/> hours (for a chart), oldest first.</summary>
    public IReadOnlyList<NodeAssessment> History(string deviceId, int hours)
    {
        var now = time.GetUtcNow();
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, hours).Select(h => Assess(deviceId, end.AddHours(h - hours + 1), withWhoDays: false))];
    }

    /// <summary>The nodes that have reported particulates.</summary>
    public IReadOnlyList<string> Nodes()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT device_id FROM aq_samples ORDER BY device_id";
        using var reader = command.ExecuteReader();
        var nodes = new List<string>();
        while (reader.Read())
        {
            nodes.Add(reader.GetString(0));
        }

        return nodes;
    }

    private void Alert(string deviceId, NodeAssessment assessment)
    {
        var settings = airQuality.Value;
        var open = alarms.List(openOnly: true, deviceId).Any(a => a.Code == AlertCode);
        if (assessment.Aqi is { } aqi && aqi >= settings.AlertAqi)
        {
            var since = _aboveSince.GetOrAdd(deviceId, assessment.At);
            if (!open && assessment.At - since >= TimeSpan.FromMinutes(settings.AlertMinutes))
            {
                alarms.Raise(deviceId, AlertCode, "alarm", assessment.At.ToUnixTimeMilliseconds(), new JsonObject { ["aqi"] = aqi, ["dominant"] = assessment.Dominant, ["since"] = since.ToString("O", CultureInfo.InvariantCulture) });
                Forward(deviceId, raised: true, aqi, assessment.At);
            }

            return;
        }

        // Below the alert level the clock starts again; the alert itself ends only below the clear level.
        _aboveSince.TryRemove(deviceId, out _);
        if (open && (assessment.Aqi == null || assessment.Aqi < settings.ClearAqi))
        {
            alarms.Clear(deviceId, AlertCode, assessment.At.ToUnixTimeMilliseconds());
            Forward(deviceId, raised: false, assessment.Aqi ?? 0, assessment.At);
        }
    }

    // The alert as an event of the node, boot id 0 (the gateway's), in the urgent lane.
    private void Forward(string deviceId, bool raised, int aqi, DateTimeOffset at) =>
        new Alarms.GatewayEvents(store, time).Forward(deviceId, EventCode.AirQualityAlert, raised, EventSeverity.Alarm, aqi, at, $"aq_alert_seq:{deviceId}");

    private static string Name(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => "pm25",
        Pollutant.Pm10 => "pm10",
        _ => pollutant.ToString().ToLowerInvariant(),
    };

    // The concentration the edition bands: the last hour's mean, or (pre-2024 particles) the mean of the last
    // 24 hourly means when at least 18 of them have data.
    private static double? EuropeanMean(List<Sample> samples, DateTimeOffset now, EuropeanAqiEdition edition, Pollutant pollutant)
    {
        Func<Sample, double?> value = pollutant == Pollutant.Pm25 ? s => s.Pm25 : s => s.Pm10;
        var hours = EuropeanAqi.AveragingHours(edition, pollutant);
        if (hours == 1)
        {
            // Average of the values present: null when the hour has none of this size.
            return samples.Where(s => s.Time > now.AddHours(-1)).Average(value);
        }

        var means = Enumerable.Range(0, hours)
            .Select(h => samples.Where(s => s.Time > now.AddHours(-(h + 1)) && s.Time <= now.AddHours(-h)).Average(value))
            .Where(mean => mean != null)
            .Select(mean => mean!.Value)
            .ToList();
        return means.Count >= EuropeanAqi.RequiredHours(edition, pollutant) ? means.Average() : null;
    }

    private static List<double?> HourlyMeans(List<Sample> samples, DateTimeOffset now, Func<Sample, double?> value)
    {
        var means = new List<double?>();
        for (var hour = 0; hour < 12; hour++)
        {
            means.Add(samples.Where(s => s.Time > now.AddHours(-(hour + 1)) && s.Time <= now.AddHours(-hour)).Average(value));
        }

        return means;
    }

    private List<Sample> Samples(string deviceId, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_time, pm25, pm10, humidity, pm1 FROM aq_samples WHERE device_id = $d AND device_time > $f AND device_time <= $t ORDER BY device_time";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$f", from.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$t", to.ToUnixTimeSeconds());
        using var reader = command.ExecuteReader();
        var samples = new List<Sample>();
        while (reader.Read())
        {
            samples.Add(new Sample(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return samples;
    }

    // A size the node does not measure is null.
    private readonly record struct Sample(DateTimeOffset Time, double? Pm25, double? Pm10, double? Humidity, double? Pm1);
}
