namespace EdgeDevices.Packaging.Tests;

/// <summary>
/// Install, upgrade, remove and purge in a throw-away root (<c>dpkg --root</c>, maintainer scripts run with
/// DPKG_ROOT so they touch nothing of the host: no user, no systemd), checking the files, the unit and the
/// configuration left behind at each step.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class DebianPackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void The_package_installs_upgrades_keeping_configuration_and_buffer_and_purges_clean()
    {
        var root = Root();
        Dpkg(root, "-i", package.Version1);
        Assert.Equal("0.4.0", Installed(root));
        var program = Path.Combine(root, "opt/edgedevices/gateway/edgedevices-gateway");
        Assert.True(File.Exists(program));
        Assert.True((File.GetUnixFileMode(program) & UnixFileMode.UserExecute) != 0);
        var unit = File.ReadAllText(Path.Combine(root, "lib/systemd/system/edgedevices-gateway.service"));
        Assert.Contains("ExecStart=/opt/edgedevices/gateway/edgedevices-gateway", unit);
        Assert.Contains("User=edgedevices", unit);
        Assert.Contains("/etc/edgedevices/gateway.json", Shell.Ok("dpkg-query", "--admindir=" + Path.Combine(root, "var/lib/dpkg"), "-W", "-f=${Conffiles}", "edgedevices-gateway"));
        Assert.True(Directory.Exists(Path.Combine(root, "var/lib/edgedevices")));

        // The installed program runs and accepts the configuration it came with (a relative path, as typed).
        var (code, output) = Shell.Run(program, ["config", "check", "--config", "etc/edgedevices/gateway.json", "--set", $"stateDirectory={root}/var/lib/edgedevices"], root);
        Assert.True(code == 0, output);
        Assert.Contains("configuration valid", output);

        // An operator's change and a buffer with readings survive the upgrade; the program is replaced.
        var config = Path.Combine(root, "etc/edgedevices/gateway.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("gw-astana-01", "gw-almaty-07", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(root, "var/lib/edgedevices/buffer.db"), "buffer");
        Dpkg(root, "-i", package.Version2);
        Assert.Equal("0.4.1", Installed(root));
        Assert.Contains("gw-almaty-07", File.ReadAllText(config));
        Assert.False(File.Exists(config + ".dpkg-new"));
        Assert.Equal("buffer", File.ReadAllText(Path.Combine(root, "var/lib/edgedevices/buffer.db")));
        Assert.Equal("0.4.1\n", File.ReadAllText(Path.Combine(root, "opt/edgedevices/gateway/RELEASE")));

        // Remove: the program and the unit go, the configuration and the buffer stay.
        Dpkg(root, "-r", "edgedevices-gateway");
        Assert.False(File.Exists(program));
        Assert.False(File.Exists(Path.Combine(root, "lib/systemd/system/edgedevices-gateway.service")));
        Assert.True(File.Exists(config));
        Assert.True(File.Exists(Path.Combine(root, "var/lib/edgedevices/buffer.db")));

        // Purge: nothing is left.
        Dpkg(root, "-P", "edgedevices-gateway");
        Assert.False(Directory.Exists(Path.Combine(root, "etc/edgedevices")));
        Assert.False(Directory.Exists(Path.Combine(root, "var/lib/edgedevices")));
        Assert.False(Directory.Exists(Path.Combine(root, "opt/edgedevices/gateway")));
    }

    [Fact]
    public void An_upgrade_restarts_a_running_service_and_never_enables_one_the_operator_disabled()
    {
        // A root where systemd runs (its /run/systemd/system), with a stand-in systemctl that keeps the unit's state.
        var root = Root();
        Directory.CreateDirectory(Path.Combine(root, "run/systemd/system"));
        var bin = Path.Combine(root, "test-bin");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(root, "systemctl.log");
        var state = Path.Combine(root, "unit-state");
        File.WriteAllText(Path.Combine(bin, "systemctl"), "#!/bin/sh\n"
            + $"echo \"$*\" >> '{log}'\n"
            + $"case \"$1\" in enable) touch '{state}.enabled';; disable) rm -f '{state}.enabled';; start) touch '{state}.active';; stop) rm -f '{state}.active';; try-restart) [ -f '{state}.active' ] && echo restarted >> '{log}';; esac\n"
            + "exit 0\n");
        File.SetUnixFileMode(Path.Combine(bin, "systemctl"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = bin + ":" + Environment.GetEnvironmentVariable("PATH");

        // First install: enabled and started.
        DpkgWith(path, root, "-i", package.Version1);
        Assert.True(File.Exists(state + ".enabled"));
        Assert.True(File.Exists(state + ".active"));

        // Upgrade of a running service: restarted on the new version, still enabled.
        File.WriteAllText(log, string.Empty);
        DpkgWith(path, root, "-i", package.Version2);
        Assert.Contains("restarted", File.ReadAllLines(log));
        Assert.DoesNotContain(File.ReadAllLines(log), l => l.StartsWith("enable", StringComparison.Ordinal) || l.StartsWith("stop", StringComparison.Ordinal));

        // The operator disables and stops it; the next upgrade leaves it so.
        File.Delete(state + ".enabled");
        File.Delete(state + ".active");
        File.WriteAllText(log, string.Empty);
        DpkgWith(path, root, "-i", package.Version1);
        Assert.False(File.Exists(state + ".enabled"), string.Join('\n', File.ReadAllLines(log)));
        Assert.False(File.Exists(state + ".active"));
        Assert.DoesNotContain("restarted", File.ReadAllLines(log));

        // Removal stops and disables.
        File.Create(state + ".active").Dispose();
        DpkgWith(path, root, "-r", "edgedevices-gateway");
        Assert.False(File.Exists(state + ".active"));
    }

    [Fact]
    public void The_package_declares_what_a_raspberry_pi_needs()
    {
        var fields = Shell.Ok("dpkg-deb", "-f", package.Version1, "Package", "Architecture", "Depends", "Version");
        Assert.Contains("Package: edgedevices-gateway", fields);
        Assert.Contains("Architecture: amd64", fields);
        Assert.Contains("adduser", fields);
        var contents = Shell.Ok("dpkg-deb", "-c", package.Version1);
        Assert.Contains("./etc/edgedevices/gateway.json", contents);
        Assert.Contains("./lib/systemd/system/edgedevices-gateway.service", contents);
        Assert.Contains("root/root", contents);
    }

    private string Root()
    {
        var root = Path.Combine(package.Directory, "root-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var dir in new[] { "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/status"), string.Empty);
        return root;
    }

    // The package's dependencies are the target system's business: a bare root has none installed.
    private static void Dpkg(string root, params string[] action) =>
        Shell.Ok("dpkg", ["--root=" + root, "--force-script-chrootless", "--force-depends", "--force-not-root", "--log=/dev/null", .. action]);

    // As above, the maintainer scripts finding the commands of <paramref name="path"/> first.
    private static void DpkgWith(string path, string root, params string[] action) =>
        Shell.Ok("env", ["PATH=" + path, "dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends", "--force-not-root", "--log=/dev/null", .. action]);

    private static string Installed(string root) =>
        Shell.Ok("dpkg-query", "--admindir=" + Path.Combine(root, "var/lib/dpkg"), "-W", "-f=${Version}", "edgedevices-gateway").Trim();
}
