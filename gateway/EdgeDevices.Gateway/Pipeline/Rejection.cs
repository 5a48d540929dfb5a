namespace EdgeDevices.Gateway.Pipeline;

/// <summary>Why a payload was refused, and which field was wrong (when one was).</summary>
public sealed record Rejection(string Reason, string? Field = null);
