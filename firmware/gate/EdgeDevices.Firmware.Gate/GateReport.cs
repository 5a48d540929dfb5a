namespace EdgeDevices.Firmware.Gate;

/// <summary>The findings for one firmware project.</summary>
public sealed class GateReport(string project, IReadOnlyList<string> packages, IReadOnlyList<GateViolation> violations, int filesChecked)
{
    /// <summary>The .nfproj checked (repository-relative), or a label for ad-hoc sources.</summary>
    public string Project { get; } = project;

    /// <summary>Packages whose API lists formed the allowed surface.</summary>
    public IReadOnlyList<string> Packages { get; } = packages;

    /// <summary>Findings, ordered by file and line.</summary>
    public IReadOnlyList<GateViolation> Violations { get; } = violations;

    /// <summary>Source files compiled and walked.</summary>
    public int FilesChecked { get; } = filesChecked;

    /// <summary>Whether the project passes.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>A human-readable summary followed by one line per finding.</summary>
    public string Format()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Passed ? "PASS " : "FAIL ").Append(Project)
          .Append($": {FilesChecked} files, {Violations.Count} findings; API surface: {string.Join(", ", Packages)}").AppendLine();
        foreach (var v in Violations)
        {
            sb.Append("  ").Append(v).AppendLine();
        }

        return sb.ToString();
    }
}
