namespace EdgeDevices.Ctl;

/// <summary>A failure edgectl explains: what went wrong, and what to do next.</summary>
public sealed class CtlException(string message, string next, int exitCode = 1) : Exception(message)
{
    /// <summary>What the user should do now.</summary>
    public string Next { get; } = next;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
