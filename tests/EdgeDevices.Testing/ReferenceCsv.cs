namespace EdgeDevices.Testing;

/// <summary>
/// Reads a vendored reference table (tests/reference-data, comma-separated, a header row, double quotes
/// around fields that hold commas, a doubled quote inside them for a quote: RFC 4180) into rows keyed by column name.
/// </summary>
public static class ReferenceCsv
{
    /// <summary>The rows of <paramref name="relativePath"/> under reference-data.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "reference-data", relativePath)).Where(l => l.Length > 0).ToList();
        var header = Fields(lines[0]);
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = Fields(line);
            return (IReadOnlyDictionary<string, string>)header.Select((name, i) => (name, value: i < fields.Count ? fields[i] : string.Empty)).ToDictionary(f => f.name, f => f.value, StringComparer.Ordinal);
        })];
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                // RFC 4180: a doubled quote inside a quoted field is one quote.
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
