using System.Collections;
using nanoFramework.Json;

namespace EdgeDevices.Firmware.Host.Tests;

/// <summary>nanoFramework.Json's rules, which firmware JSON must survive.</summary>
public sealed class JsonStandInTests
{
    public enum Mode
    {
        Off,
        Dimmed,
    }

    [Fact]
    public void Serializes_properties_only_enums_as_numbers_and_round_trips()
    {
        var text = JsonConvert.SerializeObject(new Sample { Name = "sl-1", Level = 70, Mode = Mode.Dimmed, Ignored = 5 });
        var doc = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("sl-1", doc.GetProperty("Name").GetString());
        Assert.Equal(1, doc.GetProperty("Mode").GetInt32());
        Assert.False(doc.TryGetProperty("Ignored", out _));

        var back = (Sample)JsonConvert.DeserializeObject(text, typeof(Sample));
        Assert.Equal(70, back.Level);
        Assert.Equal(Mode.Dimmed, back.Mode);
    }

    [Fact]
    public void Untyped_json_becomes_hashtables_and_array_lists()
    {
        var value = (Hashtable)JsonConvert.DeserializeObject("{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":true}}", typeof(Hashtable));
        Assert.Equal(3, ((ArrayList)value["a"]!).Count);
        Assert.Equal(true, ((Hashtable)value["b"]!)["c"]);
    }

    public sealed class Sample
    {
        // A field, on purpose: nanoFramework.Json ignores fields.
        public int Ignored;

        public string Name { get; set; } = string.Empty;

        public int Level { get; set; }

        public Mode Mode { get; set; }
    }
}
