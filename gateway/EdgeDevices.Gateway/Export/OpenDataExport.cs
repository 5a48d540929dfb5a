using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Gateway.Privacy;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Export;

/// <summary>
/// Writes the buffer's readings for a time range as CSV (RFC 4180, UTF-8, one header row) or JSON (an
/// array of flat objects) for a city's open-data portal: one row per reading with its device (households
/// pseudonymised), type, observation time (UTC, ISO 8601), boot id, sequence, and the reading's own fields
/// (<c>pm25</c>, <c>level</c>, <c>total</c>, ...) as columns; a list value is written as JSON text.
/// </summary>
public static class OpenDataExport
{
    private static readonly string[] Envelope = ["v", "type", "boot", "seq", "ts"];

    /// <summary>Writes the readings observed in [<paramref name="from"/>, <paramref name="to"/>); returns how many.</summary>
    public static int Write(BufferStore store, Pseudonyms pseudonyms, DateTimeOffset from, DateTimeOffset to, string format, TextWriter output)
    {
        var rows = store.ReadObserved(from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds()).Select(r => Row(r, pseudonyms)).ToList();
        if (format == "json")
        {
            var array = new JsonArray([.. rows.Select(r => (JsonNode)r)]);
            output.Write(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            output.WriteLine();
            return rows.Count;
        }

        string[] fixedColumns = ["deviceId", "type", "observedAt", "bootId", "sequence"];
        var fieldColumns = rows.SelectMany(r => r.Select(p => p.Key)).Except(fixedColumns).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = fixedColumns.Concat(fieldColumns).ToList();
        output.Write(string.Join(',', columns.Select(Quote)));
        output.Write("\r\n");
        foreach (var row in rows)
        {
            output.Write(string.Join(',', columns.Select(c => Quote(Text(row[c])))));
            output.Write("\r\n");
        }

        return rows.Count;
    }

    private static JsonObject Row(StoredReading reading, Pseudonyms pseudonyms)
    {
        var row = new JsonObject
        {
            ["deviceId"] = pseudonyms.Public(reading.DeviceId),
            ["type"] = WireNames.Of(reading.Type),
            ["observedAt"] = reading.ObservedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["bootId"] = reading.BootId,
            ["sequence"] = reading.Sequence,
        };
        if (JsonNode.Parse(reading.Payload) is JsonObject payload)
        {
            foreach (var (name, value) in payload)
            {
                if (!Envelope.Contains(name) && !row.ContainsKey(name))
                {
                    row[name] = value?.DeepClone();
                }
            }
        }

        return row;
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
