using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdgeDevices.Ctl.Flashing;

/// <summary>
/// The nanoFramework firmware the apps need (firmware/nanoframework-firmware.json, built into edgectl): the
/// CoreLibrary the apps reference, the firmware line whose native assemblies match it, and optionally the
/// exact image version to pass to <c>nanoff --fwversion</c>.
/// </summary>
public sealed partial record FirmwarePin(string CoreLibrary, string FirmwareLine, string? FirmwareVersion)
{
    /// <summary>The pin edgectl was built with.</summary>
    public static FirmwarePin BuiltIn { get; } = Load();

    /// <summary>Whether <paramref name="version"/> (a.b.c.d) belongs to the pinned firmware line.</summary>
    public bool Accepts(string version) => version.StartsWith(FirmwareLine + ".", StringComparison.Ordinal);

    /// <summary>The firmware version nanoff reports in its output ("Updating to 1.17.0.54", "CLR Version: 1.17.0.54"), or null.</summary>
    public static string? VersionIn(IEnumerable<string> nanoffOutput)
    {
        foreach (var line in nanoffOutput)
        {
            var match = Reported().Match(line);
            if (match.Success)
            {
                return match.Groups["version"].Value;
            }
        }

        return null;
    }

    private static FirmwarePin Load()
    {
        using var stream = typeof(FirmwarePin).Assembly.GetManifestResourceStream("nanoframework-firmware.json")!;
        var json = JsonNode.Parse(stream)!;
        return new FirmwarePin(json["coreLibrary"]!.GetValue<string>(), json["firmwareLine"]!.GetValue<string>(), json["firmwareVersion"]?.GetValue<string>());
    }

    [GeneratedRegex(@"(Updating to|CLR Version:)\s*(?<version>\d+\.\d+\.\d+\.\d+)")]
    private static partial Regex Reported();
}
