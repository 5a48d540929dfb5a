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
