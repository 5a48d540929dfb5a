namespace EdgeDevices.Ctl.Tests;

/// <summary>
/// A stand-in <c>nanoff</c> on the PATH: a shell script that appends its arguments (and where it ran) to a log,
/// prints what nanoff prints about the firmware it writes, and fails when its arguments contain the configured
/// word (to test how edgectl reports a failed step).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class StandInNanoff : IDisposable
{
    private readonly string _directory;
    private readonly string? _oldPath;

    public StandInNanoff(string? failOn = null, string firmware = "1.17.0.54")
    {
        _directory = Directory.CreateTempSubdirectory("edgectl-nanoff-").FullName;
        Log = Path.Combine(_directory, "calls.log");
        Directories = Path.Combine(_directory, "directories.log");
        var script = Path.Combine(_directory, "nanoff");
        File.WriteAllText(script, "#!/bin/sh\n"
            + $"echo \"$*\" >> '{Log}'\n"
            + $"pwd >> '{Directories}'\n"
            + (failOn == null ? string.Empty : $"case \"$*\" in *{failOn}*) echo 'E9000: no answer from the device' >&2; exit 1;; esac\n")
            + "echo '.NET nanoFramework Firmware Flasher v2.6.1 [stand-in]'\n"
            + $"case \"$*\" in *--update*) echo 'Updating to {firmware}'; echo 'Flashing firmware...OK';; *--devicedetails*) echo '  CLR Version: {firmware}';; esac\n"
            + "echo 'OK'\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _oldPath = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", _directory + Path.PathSeparator + _oldPath);
    }

    public string Log { get; }

    /// <summary>The working directory of each call.</summary>
    public string Directories { get; }

    public string Folder => _directory;

    public IReadOnlyList<string> Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _oldPath);
        Directory.Delete(_directory, recursive: true);
    }
}
