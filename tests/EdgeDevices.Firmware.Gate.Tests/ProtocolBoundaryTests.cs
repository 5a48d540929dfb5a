using System.Xml.Linq;

namespace EdgeDevices.Firmware.Gate.Tests;

/// <summary>
/// The wire contract is the only firmware the gateway and the tools build on: following their project
/// references (host .csproj and device .nfproj alike) reaches firmware/EdgeDevices.Protocol and no other
/// firmware project, and the protocol itself references nothing of this repository.
/// </summary>
public sealed class ProtocolBoundaryTests
{
    private const string Protocol = "firmware/EdgeDevices.Protocol/EdgeDevices.Protocol.csproj";

    [Theory]
    [InlineData("gateway/EdgeDevices.Gateway/EdgeDevices.Gateway.csproj")]
    [InlineData("tools/EdgeDevices.Ctl/EdgeDevices.Ctl.csproj")]
    [InlineData("tools/EdgeDevices.Wire/EdgeDevices.Wire.csproj")]
    public void The_gateway_and_the_tools_reach_the_protocol_and_no_other_firmware(string project)
    {
        var reached = Closure(project);

        Assert.Contains(Protocol, reached);
        Assert.DoesNotContain(reached, p => p != Protocol && (p.StartsWith("firmware/", StringComparison.Ordinal) || p.StartsWith("hardware/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Protocol)]
    [InlineData("firmware/EdgeDevices.Protocol/EdgeDevices.Protocol.nfproj")]
    public void The_protocol_references_nothing_of_the_repository(string project) => Assert.Empty(Closure(project));

    [Fact]
    public void The_check_sees_what_the_firmware_core_reaches()
    {
        // So the closure is not trivially empty: the core builds on the protocol, the runtime on both.
        Assert.Equal([Protocol], Closure("firmware/EdgeDevices.Firmware.Core/EdgeDevices.Firmware.Core.csproj"));
        Assert.Contains("firmware/EdgeDevices.Firmware.Core/EdgeDevices.Firmware.Core.csproj", Closure("firmware/EdgeDevices.Firmware.Device/EdgeDevices.Firmware.Device.csproj"));
    }

    // Every project reached through ProjectReference items, repository-relative with '/'.
    private static SortedSet<string> Closure(string project)
    {
        var root = ViolationSampleTests.RepositoryRoot();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(root, project)]);
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            foreach (var reference in XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                if (seen.Add(Path.GetRelativePath(root, full).Replace('\\', '/')))
                {
                    pending.Push(full);
                }
            }
        }

        return seen;
    }
}
