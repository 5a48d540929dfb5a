namespace EdgeDevices.Gateway.Commands;

/// <summary>Where a command stands.</summary>
public enum CommandStatus
{
    /// <summary>Sent, or waiting for its next attempt; no answer yet.</summary>
    Pending,

    /// <summary>The device answered ok.</summary>
    Acknowledged,

    /// <summary>The device answered with a refusal (see the result).</summary>
    Refused,

    /// <summary>No answer before its expiry: reported, no longer sent.</summary>
    Expired,

    /// <summary>A newer command with the same purpose replaced it before it was answered.</summary>
    Superseded,
}
