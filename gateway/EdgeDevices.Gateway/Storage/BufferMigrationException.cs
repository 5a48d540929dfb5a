namespace EdgeDevices.Gateway.Storage;

/// <summary>The buffer could not be brought to this gateway's schema; the message says why and what was left where.</summary>
public sealed class BufferMigrationException(string message, Exception? inner = null) : Exception(message, inner);
