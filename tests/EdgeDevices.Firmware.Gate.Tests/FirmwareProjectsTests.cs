using EdgeDevices.Firmware.Gate;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>The gate over the real firmware: every .nfproj in the repository must pass.</summary>
public sealed class FirmwareProjectsTests
{
    public static TheoryData<string> Projects()
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var data = new TheoryData<string>();
        foreach (var project in NanoGate.FindProjects(root))
        {
            data.Add(Path.GetRelativePath(root, project));
        }

        return data;
    }

    [Fact]
    public void Repository_Has_Firmware_Projects()
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var projects = NanoGate.FindProjects(root).Select(p => Path.GetRelativePath(root, p)).ToList();

        Assert.Contains("firmware/EdgeDevices.Firmware.Core/EdgeDevices.Firmware.Core.nfproj", projects);
        Assert.Contains("firmware/EdgeDevices.Firmware.Device/EdgeDevices.Firmware.Device.nfproj", projects);
        Assert.Contains("firmware/apps/StreetLight/EdgeDevices.Apps.StreetLight.nfproj", projects);
        Assert.Contains("firmware/apps/AirQuality/EdgeDevices.Apps.AirQuality.nfproj", projects);
        Assert.Contains("firmware/apps/Meter/EdgeDevices.Apps.Meter.nfproj", projects);
    }

    [Fact]
    public void The_Apps_Are_Checked_Against_The_Host_Stand_Ins()
    {
        // Without the stand-ins the apps would not compile and every finding would be NF0000.
        var root = ViolationSampleTests.RepositoryRoot();
        Assert.Contains(GateRun.Options(root).StandInAssemblies, a => Path.GetFileName(a) == "EdgeDevices.Firmware.Host.dll");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Firmware_Project_Passes_The_Gate(string project)
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var report = NanoGate.CheckProject(Path.Combine(root, project), GateRun.Options(root));

        Assert.True(report.Passed, report.Format());
        Assert.True(report.FilesChecked > 0, "no sources compiled for " + project);
    }
}
