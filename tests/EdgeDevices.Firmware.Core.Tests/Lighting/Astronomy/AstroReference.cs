using System.Globalization;
using EdgeDevices.Firmware.Lighting.Astronomy;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Astronomy;

/// <summary>One row of astro-reference.csv: an event at a place on a local date, or none.</summary>
internal sealed record AstroReference(string Place, double Latitude, double Longitude, DateOnly Date, int UtcOffsetMinutes, SolarEvent Event, DateTime? Local)
{
    public static IReadOnlyList<AstroReference> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Lighting", "Astronomy", "astro-reference.csv");
        return File.ReadLines(path)
            .Where(l => !l.StartsWith('#') && !l.StartsWith("place,", StringComparison.Ordinal) && l.Length > 0)
            .Select(Parse)
            .ToList();
    }

    public override string ToString() => $"{Place} {Date:yyyy-MM-dd} {Event}";

    private static AstroReference Parse(string line)
    {
        var f = line.Split(',');
        var inv = CultureInfo.InvariantCulture;
        var local = f[6] == "none" ? (DateTime?)null : DateTime.ParseExact(f[6], "yyyy-MM-ddTHH:mm:ss", inv);
        return new AstroReference(f[0], double.Parse(f[1], inv), double.Parse(f[2], inv), DateOnly.ParseExact(f[3], "yyyy-MM-dd", inv),
            (int)(double.Parse(f[4], inv) * 60), EventOf(f[5]), local);
    }

    private static SolarEvent EventOf(string name) => name switch
    {
        "sunrise" => SolarEvent.Sunrise,
        "sunset" => SolarEvent.Sunset,
        "civilDawn" => SolarEvent.CivilDawn,
        "civilDusk" => SolarEvent.CivilDusk,
        "nauticalDawn" => SolarEvent.NauticalDawn,
        "nauticalDusk" => SolarEvent.NauticalDusk,
        "astronomicalDawn" => SolarEvent.AstronomicalDawn,
        "astronomicalDusk" => SolarEvent.AstronomicalDusk,
        _ => throw new FormatException(name),
    };
}
