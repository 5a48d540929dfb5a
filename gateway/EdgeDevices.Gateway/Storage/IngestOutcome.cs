namespace EdgeDevices.Gateway.Storage;

/// <summary>What became of one incoming payload.</summary>
public enum IngestOutcome
{
    /// <summary>Committed to the buffer.</summary>
    Stored,

    /// <summary>Seen before (same device, boot id and sequence): dropped, and acknowledged to the device.</summary>
    Duplicate,

    /// <summary>Malformed or invalid: committed to the quarantine with the reason, and acknowledged.</summary>
    Quarantined,

    /// <summary>The buffer could not commit (disk full, I/O error): not acknowledged, so the device sends it again.</summary>
    Failed,
}
