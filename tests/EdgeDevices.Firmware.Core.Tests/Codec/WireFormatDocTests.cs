using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Testing;

namespace EdgeDevices.Firmware.Core.Tests.Codec;

/// <summary>
/// docs/wire-format.md's table of fields against the codec: every field a message writes is in the table,
/// every field in the table is written, a required field left out is refused by name, an optional one is not.
/// </summary>
public sealed class WireFormatDocTests
{
    private static readonly IReadOnlyList<(string Type, string Field, bool Required)> Documented = ReadTable();

    public static TheoryData<string> Types() => [.. Examples().Keys];

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_field_of_the_type_is_documented_and_every_documented_field_is_written(string type)
    {
        var written = Examples()[type].Select(p => p.Key).Order().ToList();
        var documented = FieldsOf(type).Select(f => f.Field).Order().ToList();
        Assert.Equal(documented, written);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_required_field_left_out_is_refused_by_name_and_an_optional_one_is_not(string type)
    {
        foreach (var (_, field, required) in FieldsOf(type))
        {
            var json = Examples()[type];
            json.Remove(field);
            if (required)
            {
                var error = Assert.Throws<CodecException>(() => JsonCodec.Decode(json.ToJsonString()));
                Assert.True(error.Error == CodecError.MissingField && error.Field == field, $"{type} without {field}: {error.Error} {error.Field}");
            }
            else
            {
                Assert.Equal(type, WireNames.Of(JsonCodec.Decode(json.ToJsonString()).Type));
            }
        }
    }

    private static IEnumerable<(string Type, string Field, bool Required)> FieldsOf(string type) =>
        Documented.Where(d => d.Type == type || d.Type == "every type");

    // Each sample message with every optional field set, in its JSON form.
    private static Dictionary<string, JsonObject> Examples()
    {
        var examples = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var message in SampleMessages.All())
        {
            switch (message)
            {
                case HealthReport health:
                    health.GatewayRejects = 2;
                    break;
                case DeviceCommand command:
                    command.Document = "{}";
                    break;
            }

            examples[WireNames.Of(message.Type)] = JsonNode.Parse(JsonCodec.Encode(message))!.AsObject();
        }

        return examples;
    }

    private static List<(string Type, string Field, bool Required)> ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "wire-format.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("### Fields, units and ranges", StringComparison.Ordinal));
        Assert.True(start > 0, "docs/wire-format.md has its field table");
        var rows = new List<(string, string, bool)>();
        foreach (var line in lines.Skip(start).SkipWhile(l => !l.StartsWith("| Type |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            rows.Add((cells[1], cells[2].Trim('`'), cells[3].StartsWith("yes", StringComparison.Ordinal)));
        }

        return rows;
    }
}
