using System.Text;
using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Core.Tests.Json;

public sealed class JsonNumberTests
{
    [Theory]
    [InlineData("21.456", 2, 2146)]
    [InlineData("21.455", 2, 2146)]
    [InlineData("21.454", 2, 2145)]
    [InlineData("-21.455", 2, -2146)]
    [InlineData("0.05", 1, 1)]
    [InlineData("0.05", 0, 0)]
    [InlineData("1013.2", 2, 101320)]
    [InlineData("1.2345e3", 3, 1234500)]
    [InlineData("12E-1", 1, 12)]
    [InlineData("-0", 2, 0)]
    [InlineData("100", 0, 100)]
    [InlineData("0.000000000000000000001", 2, 0)]
    [InlineData("999999999999999999", 0, 999999999999999999)]
    public void Scales_Exactly(string text, int decimals, long expected)
    {
        var number = Parse(text);

        Assert.True(number.TryGetScaled(decimals, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("12345678901234567890")]
    [InlineData("1e99999999999")]
    public void Refuses_What_Does_Not_Fit(string text)
    {
        Assert.False(Parse(text).TryGetScaled(0, out _));
    }

    [Theory]
    [InlineData("42", true, 42)]
    [InlineData("4.2e1", true, 42)]
    [InlineData("42.0", true, 42)]
    [InlineData("42.5", false, 0)]
    [InlineData("-7", true, -7)]
    public void Integers_Must_Be_Whole(string text, bool ok, long expected)
    {
        Assert.Equal(ok, Parse(text).TryGetInteger(out var value));
        if (ok)
        {
            Assert.Equal(expected, value);
        }
    }

    [Theory]
    [InlineData(2150, 2, "21.50")]
    [InlineData(-5, 1, "-0.5")]
    [InlineData(5, 2, "0.05")]
    [InlineData(0, 0, "0")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MaxValue, 3, "9223372036854775.807")]
    public void Writes_Fixed_Point_Text(long scaled, int decimals, string expected)
    {
        var sb = new StringBuilder();
        NumberText.AppendScaled(sb, scaled, decimals);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Reader_Unescapes_Strings()
    {
        var obj = (JsonObject)JsonReader.Parse("""{"s":"a\"b\\c\/d\n\u0041\u00e9"}""");

        Assert.Equal("a\"b\\c/d\nAé", obj.Get("s"));
    }

    [Fact]
    public void Writer_Escapes_What_The_Reader_Reads_Back()
    {
        const string nasty = "quote\" back\\ nl\n tab\t ctl\u0001 кз";
        var w = new JsonWriter(16);
        w.BeginObject();
        w.Name("s");
        w.String(nasty);
        w.Name("a");
        w.BeginArray();
        w.Integer(1);
        w.Boolean(false);
        w.String(null);
        w.EndArray();
        w.EndObject();

        var obj = (JsonObject)JsonReader.Parse(w.ToString());

        Assert.Equal(nasty, obj.Get("s"));
        var array = (JsonArray)obj.Get("a")!;
        Assert.Equal(3, array.Count);
        Assert.Null(array[2]);
    }

    private static JsonNumber Parse(string text) => (JsonNumber)JsonReader.Parse(text)!;
}
