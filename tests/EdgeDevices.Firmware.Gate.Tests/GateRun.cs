using EdgeDevices.Firmware.Gate;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>Gate options as CI uses them: the repository's API lists plus the host stand-in assemblies.</summary>
internal static class GateRun
{
    public static GateOptions Options(string root) => new()
    {
        RepositoryRoot = root,
        StandInAssemblies = Directory.EnumerateFiles(AppContext.BaseDirectory, "EdgeDevices.Firmware.Host*.dll").ToList(),
    };
}
