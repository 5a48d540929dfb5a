namespace EdgeDevices.Gateway.Updates;

/// <summary>A rollout that cannot be started or changed as asked; <see cref="Field"/> names what is wrong.</summary>
public sealed class RolloutException(string field, string message, bool conflict = false) : Exception(message)
{
    /// <summary>The request field at fault.</summary>
    public string Field { get; } = field;

    /// <summary>Whether it conflicts with the current state (another rollout running) rather than being malformed.</summary>
    public bool Conflict { get; } = conflict;
}
